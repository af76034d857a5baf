using SolidaritePipeline.Reading;
using S = SolidaritePipeline.Submissions.SchemaIndex;

namespace SolidaritePipeline.Validation;

/// <summary>
/// Maps a file's header (row 1 of a CSV or a worksheet, the schema's names for JSON) to schema
/// fields, reporting blank, too long, unknown, duplicated and missing labels.
/// </summary>
internal sealed class HeaderMapping(ValidationOptions options, IssueLog log)
{
    /// <summary>The schema field of each column, or -1 for a column that maps to none.</summary>
    public int[] FieldOfColumn { get; private set; } = [];

    /// <summary>True when every required field has a column.</summary>
    public bool Complete { get; private set; }

    /// <summary>True when rows end at their last filled cell (a worksheet): missing cells are empty ones.</summary>
    public bool AbsentCellsAreEmpty { get; private set; }

    /// <summary>The default of the exercice column, when the header gives one (a JSON envelope's exercice).</summary>
    public SourceCell? DefaultExercice { get; private set; }

    public void Map(SourceHeader header)
    {
        AbsentCellsAreEmpty = header.RowsEndAtLastFilledCell;
        var cells = header.Cells;
        var width = cells.Count;
        while (width > 0 && cells[width - 1].IsBlank) width--; // trailing empty columns of a spreadsheet export

        var fieldOfColumn = new int[width];
        var firstColumn = new int[S.Count];
        Array.Fill(firstColumn, -1);
        for (var c = 0; c < width; c++)
        {
            fieldOfColumn[c] = -1;
            var label = cells[c].Text.Trim();
            if (label.Length == 0)
            {
                log.Error(IssueCodes.BlankLabel, header.RowNumber, null, null, Messages.BlankLabel(c + 1));
                continue;
            }

            if (options.MaxCellLength > 0 && cells[c].Length > options.MaxCellLength)
            {
                log.Error(IssueCodes.ConstraintError, header.RowNumber, null, label, Messages.LabelTooLong(c + 1, cells[c].Length, options.MaxCellLength));
                continue;
            }

            var field = S.FindByLabel(label);
            if (field < 0)
            {
                log.Warning(IssueCodes.ExtraLabel, header.RowNumber, label, label, Messages.ExtraLabel(label));
            }
            else if (firstColumn[field] >= 0)
            {
                log.Error(IssueCodes.DuplicateLabel, header.RowNumber, S.Fields[field].Name, label,
                    Messages.DuplicateLabel(label, firstColumn[field] + 1, c + 1));
            }
            else
            {
                firstColumn[field] = c;
                fieldOfColumn[c] = field;
            }
        }

        FieldOfColumn = fieldOfColumn;
        Complete = true;
        for (var f = 0; f < S.Count; f++)
        {
            if (firstColumn[f] >= 0 || !S.Fields[f].Required) continue;
            log.Error(IssueCodes.MissingLabel, header.RowNumber, S.Fields[f].Name, null, Messages.MissingLabel(S.Fields[f]));
            Complete = false;
        }

        var exerciceColumn = firstColumn[S.Exercice];
        if (header.Defaults is { } defaults && exerciceColumn >= 0 && exerciceColumn < defaults.Count)
            DefaultExercice = defaults[exerciceColumn];
    }
}
