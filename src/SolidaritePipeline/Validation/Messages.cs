using System.Globalization;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Validation;

/// <summary>
/// The wording of every issue, French first, written for the person who fills the file: what is
/// wrong, where, and how to write it instead.
/// </summary>
internal static class Messages
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-CA");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-CA");

    private static LocalizedText T(string fr, string en) => new(fr, en);

    private static string FieldFr(SchemaField f) => $"« {f.Name} » ({f.TitleFr})";

    private static string FieldEn(SchemaField f) => $"“{f.Name}”";

    private static string Count(long n, CultureInfo culture) => n.ToString("N0", culture);

    // ---- File

    public static LocalizedText EmptyFile() => T(
        "Le fichier est vide : il ne contient ni en-tête ni projet.",
        "The file is empty: it holds neither a header nor any project.");

    public static LocalizedText NoProjectRows(string format) => format == "json"
        ? T("Le fichier ne contient aucun projet : la liste « projets » est vide. Ajoutez au moins un projet.",
            "The file holds no project: the “projets” list is empty. Add at least one project.")
        : T("Le fichier ne contient aucune ligne de projet : seulement la ligne d'en-tête. Ajoutez vos projets à partir de la ligne 2.",
            "The file holds no project row, only the header row. Add your projects from row 2 on.");

    public static LocalizedText FileTooLarge(long bytes, long max) => T(
        $"Le fichier pèse {Count(bytes, Fr)} octets, plus que la limite de {Count(max, Fr)} octets. Séparez-le ou retirez les colonnes inutiles.",
        $"The file is {Count(bytes, En)} bytes, over the limit of {Count(max, En)} bytes. Split it or remove unneeded columns.");

    public static LocalizedText RowLimit(int max) => T(
        $"Le fichier contient plus de {Count(max, Fr)} projets, la limite permise. La lecture s'est arrêtée là.",
        $"The file holds more than {Count(max, En)} projects, the allowed limit. Reading stopped there.");

    public static LocalizedText UnsupportedFormat(string fileName) => T(
        $"Le format du fichier « {fileName} » n'est pas accepté. Envoyez un fichier .csv, .xlsx ou .json.",
        $"The format of file “{fileName}” is not accepted. Send a .csv, .xlsx or .json file.");

    public static LocalizedText PathError(string source) => T(
        $"Le fichier « {source} » n'est pas déposé directement dans le dossier d'un mandataire (uploads/code-du-mandataire/). Déposez-le à cet endroit.",
        $"The file “{source}” is not directly in a mandataire's folder (uploads/mandataire-code/). Put it there.");

    public static LocalizedText UnknownMandataire(string code) => T(
        $"« {code} » n'est pas un code de mandataire connu. Utilisez le code de votre organisme (par exemple « estrie »).",
        $"“{code}” is not a known mandataire code. Use your organisation's code (for example “estrie”).");

    public static LocalizedText BinaryText() => T(
        "Le fichier n'est pas du texte : il contient des octets nuls. S'il s'agit d'un classeur Excel, gardez l'extension .xlsx ; sinon enregistrez-le en CSV (UTF-8).",
        "The file is not text: it contains null bytes. If it is an Excel workbook keep the .xlsx extension; otherwise save it as CSV (UTF-8).");

    public static LocalizedText ZipAsText() => T(
        "Ce fichier est un classeur Excel (.xlsx) renommé : gardez l'extension .xlsx ou enregistrez-le en CSV (UTF-8).",
        "This file is an Excel workbook (.xlsx) that was renamed: keep the .xlsx extension or save it as CSV (UTF-8).");

    public static LocalizedText BadUtf8() => T(
        "Le fichier annonce l'encodage UTF-8 mais contient des caractères invalides. Enregistrez-le de nouveau en « CSV UTF-8 ».",
        "The file announces UTF-8 but holds invalid characters. Save it again as “CSV UTF-8”.");

    public static LocalizedText UnknownEncoding() => T(
        "L'encodage des caractères du fichier n'est ni UTF-8 ni Windows-1252. Enregistrez-le en « CSV UTF-8 ».",
        "The file's character encoding is neither UTF-8 nor Windows-1252. Save it as “CSV UTF-8”.");

    public static LocalizedText JsonNotUtf8() => T(
        "Un fichier JSON doit être encodé en UTF-8. Enregistrez-le de nouveau en UTF-8.",
        "A JSON file must be encoded as UTF-8. Save it again as UTF-8.");

    public static LocalizedText UnclosedQuote() => T(
        "Un guillemet (\") ouvert dans cette ligne n'est jamais fermé, ou du texte suit un guillemet fermant. Vérifiez les guillemets de la ligne.",
        "A quote (\") opened on this row is never closed, or text follows a closing quote. Check the row's quotes.");

    public static LocalizedText MalformedJson(long line, long position) => T(
        $"Le fichier n'est pas du JSON valide : la syntaxe est rompue à la ligne {line}, position {position} (virgule, guillemet ou accolade manquant ou en trop, ou fichier tronqué).",
        $"The file is not valid JSON: the syntax breaks at line {line}, position {position} (a missing or extra comma, quote or brace, or a truncated file).");

    public static LocalizedText JsonShape() => T(
        "Le JSON doit être une liste de projets [ {…}, {…} ] ou un objet { \"exercice\": \"2022-2023\", \"projets\": [ … ] }.",
        "The JSON must be a list of projects [ {…}, {…} ] or an object { \"exercice\": \"2022-2023\", \"projets\": [ … ] }.");

    public static LocalizedText JsonProjectNotObject() => T(
        "Chaque projet de la liste doit être un objet { \"no_projet\": …, … }.",
        "Every project of the list must be an object { \"no_projet\": …, … }.");

    public static LocalizedText JsonNoProjets() => T(
        "L'objet JSON n'a pas de liste « projets ».",
        "The JSON object has no “projets” list.");

    public static LocalizedText JsonTooDeep(int max) => T(
        $"Le JSON est imbriqué sur plus de {max} niveaux. Un projet est un objet simple dont les valeurs sont du texte ou des nombres.",
        $"The JSON is nested more than {max} levels deep. A project is a flat object whose values are text or numbers.");

    public static LocalizedText JsonNotScalar(SchemaField f) => T(
        $"La valeur de {FieldFr(f)} doit être du texte ou un nombre, pas un objet ni une liste.",
        $"The value of {FieldEn(f)} must be text or a number, not an object or a list.");

    public static LocalizedText JsonLoneSurrogate() => T(
        "Le fichier JSON contient un caractère invalide : une séquence \\uD800 à \\uDFFF seule, sans sa moitié. Enregistrez-le de nouveau en UTF-8 depuis votre logiciel.",
        "The JSON file holds an invalid character: a \\uD800 to \\uDFFF escape alone, without its other half. Save it again as UTF-8 from your software.");

    public static LocalizedText JsonValueTooLong() => T(
        "Une valeur du fichier JSON est beaucoup trop longue pour être une donnée de projet.",
        "A value of the JSON file is far too long to be project data.");

    public static LocalizedText JsonEnvelopeTwice(string name) => T(
        $"La propriété « {name} » de l'objet JSON est donnée deux fois. Gardez une seule liste « projets » et un seul « exercice ».",
        $"Property “{name}” of the JSON object is given twice. Keep a single “projets” list and a single “exercice”.");

    public static LocalizedText RowTooLong(int row, int maxChars) => T(
        $"La ligne {row} dépasse la longueur qu'une ligne peut avoir ({Count(maxChars, Fr)} caractères) : un guillemet (\") y est sans doute resté ouvert. Vérifiez les guillemets de cette ligne.",
        $"Row {row} is longer than a row may be ({Count(maxChars, En)} characters): a quote (\") was probably left open on it. Check the quotes of this row.");

    public static LocalizedText TooManyColumns(int max) => T(
        $"L'en-tête a plus de {Count(max, Fr)} colonnes, la limite permise (le modèle en compte {SchemaV1.Fields.Count}). Supprimez les colonnes inutiles.",
        $"The header has more than {Count(max, En)} columns, the allowed limit (the template has {SchemaV1.Fields.Count}). Delete the unneeded columns.");

    public static LocalizedText TooManyProperties(int max) => T(
        $"Ce projet a plus de {Count(max, Fr)} propriétés, la limite permise (le modèle en compte {SchemaV1.Fields.Count}). Retirez les propriétés inutiles.",
        $"This project has more than {Count(max, En)} properties, the allowed limit (the template has {SchemaV1.Fields.Count}). Remove the unneeded properties.");

    public static LocalizedText SharedStringsTooLarge(long maxChars, int maxCount) => T(
        $"La table des textes du classeur dépasse la limite permise ({Count(maxChars, Fr)} caractères ou {Count(maxCount, Fr)} textes distincts). Supprimez les feuilles ou les cellules inutiles, ou envoyez le rapport en CSV.",
        $"The workbook's table of texts exceeds the allowed limit ({Count(maxChars, En)} characters or {Count(maxCount, En)} distinct texts). Delete unneeded sheets or cells, or send the report as CSV.");

    public static LocalizedText Unreadable(string kind) => T(
        $"Le fichier n'a pas pu être lu ({kind}). Vérifiez qu'il s'ouvre correctement, puis enregistrez-le de nouveau.",
        $"The file could not be read ({kind}). Check that it opens correctly, then save it again.");

    /// <summary>The message of a file code raised without reading the file.</summary>
    public static LocalizedText ForFileCode(string code, SubmissionFile file) => code switch
    {
        IssueCodes.PathError => PathError(file.Source),
        IssueCodes.UnknownMandataire => UnknownMandataire(file.Mandataire),
        IssueCodes.UnsupportedFormat => UnsupportedFormat(file.FileName),
        IssueCodes.EmptyFile => EmptyFile(),
        _ => Unreadable(code),
    };

    // ---- Header

    public static LocalizedText MissingLabel(SchemaField f) => T(
        $"La colonne obligatoire {FieldFr(f)} est absente de l'en-tête. Ajoutez-la : {f.DescriptionFr}",
        $"The required column {FieldEn(f)} is missing from the header. Add it: {f.DescriptionEn}");

    public static LocalizedText MissingProperty(SchemaField f) => T(
        $"Le projet n'a pas la propriété obligatoire {FieldFr(f)}. {f.DescriptionFr}",
        $"The project lacks the required property {FieldEn(f)}. {f.DescriptionEn}");

    public static LocalizedText DuplicateLabel(string label, int firstColumn, int column) => T(
        $"La colonne « {EchoedText.Cut(label)} » (colonne {column}) répète la colonne {firstColumn}. Gardez une seule colonne de ce nom.",
        $"Column “{EchoedText.Cut(label)}” (column {column}) repeats column {firstColumn}. Keep a single column with this name.");

    public static LocalizedText DuplicateProperty(string name) => T(
        $"La propriété « {EchoedText.Cut(name)} » est donnée deux fois dans ce projet. Gardez-en une seule.",
        $"Property “{EchoedText.Cut(name)}” is given twice in this project. Keep only one.");

    public static LocalizedText BlankLabel(int column) => T(
        $"La colonne {column} n'a pas de nom dans l'en-tête. Donnez-lui un nom du modèle ou supprimez-la.",
        $"Column {column} has no name in the header. Give it a name from the template or delete it.");

    public static LocalizedText LabelTooLong(int column, int length, int max) => T(
        $"Le nom de la colonne {column} a {Count(length, Fr)} caractères ; la limite d'une cellule est de {Count(max, Fr)}. Donnez-lui un nom du modèle ou supprimez-la.",
        $"The name of column {column} has {Count(length, En)} characters; a cell's limit is {Count(max, En)}. Give it a name from the template or delete it.");

    public static LocalizedText ExtraLabel(string label) => T(
        $"La colonne « {EchoedText.Cut(label)} » ne fait pas partie du modèle : elle est ignorée.",
        $"Column “{EchoedText.Cut(label)}” is not part of the template: it is ignored.");

    public static LocalizedText ExtraProperty(string name) => T(
        $"La propriété « {EchoedText.Cut(name)} » ne fait pas partie du modèle : elle est ignorée.",
        $"Property “{EchoedText.Cut(name)}” is not part of the template: it is ignored.");

    // ---- Rows and cells

    public static LocalizedText PersonalData(SchemaField f, int row, PersonalDataKind kind, string hint) => kind == PersonalDataKind.Email
        ? T($"Ligne {row} : {FieldFr(f)} contient ce qui semble être une adresse courriel ({hint}). Les données ouvertes sont publiques : " +
            $"elle y sera remplacée par « {Submissions.PersonalData.EmailReplacement} ». Retirez-la du fichier si ce renseignement personnel n'a pas à y être.",
            $"Row {row}: {FieldEn(f)} holds what looks like an e-mail address ({hint}). Open data is public: " +
            $"it will be replaced there by “{Submissions.PersonalData.EmailReplacement}”. Remove it from the file if this personal information does not belong there.")
        : T($"Ligne {row} : {FieldFr(f)} contient ce qui semble être un numéro de téléphone ({hint}). Les données ouvertes sont publiques : " +
            $"il y sera remplacé par « {Submissions.PersonalData.PhoneReplacement} ». Retirez-le du fichier si ce renseignement personnel n'a pas à y être.",
            $"Row {row}: {FieldEn(f)} holds what looks like a phone number ({hint}). Open data is public: " +
            $"it will be replaced there by “{Submissions.PersonalData.PhoneReplacement}”. Remove it from the file if this personal information does not belong there.");

    public static LocalizedText BlankRow() => T(
        "Cette ligne est vide : elle est ignorée.",
        "This row is empty: it is ignored.");

    public static LocalizedText ExtraCell(int found, int expected) => T(
        $"Cette ligne a {found} cellules alors que l'en-tête a {expected} colonnes. Retirez les valeurs en trop ou ajoutez le nom de la colonne.",
        $"This row has {found} cells while the header has {expected} columns. Remove the extra values or name the column.");

    public static LocalizedText MissingCell(int found, int expected) => T(
        $"Cette ligne a seulement {found} cellules alors que l'en-tête a {expected} colonnes. Vérifiez les séparateurs de la ligne.",
        $"This row has only {found} cells while the header has {expected} columns. Check the row's separators.");

    public static LocalizedText Required(SchemaField f) => T(
        $"La valeur de {FieldFr(f)} est obligatoire. {f.DescriptionFr}",
        $"A value for {FieldEn(f)} is required. {f.DescriptionEn}");

    public static LocalizedText CellTooLong(SchemaField f, int length, int max) => T(
        $"La valeur de {FieldFr(f)} a {Count(length, Fr)} caractères ; la limite est de {Count(max, Fr)}.",
        $"The value of {FieldEn(f)} has {Count(length, En)} characters; the limit is {Count(max, En)}.");

    public static LocalizedText TextLength(SchemaField f, int length, int max) => T(
        $"La valeur de {FieldFr(f)} doit avoir au plus {max} caractères ; celle-ci en a {length}.",
        $"{FieldEn(f)} must have at most {max} characters; this one has {length}.");

    public static LocalizedText NotInList(SchemaField f, string value) => T(
        $"« {value} » n'est pas une valeur permise pour {FieldFr(f)}. Valeurs permises : {string.Join(", ", f.AllowedValues!.Select(v => $"{v.LabelFr} ({v.Code})"))}.",
        $"“{value}” is not an allowed value for {FieldEn(f)}. Allowed values: {string.Join(", ", f.AllowedValues!.Select(v => v.Code))}.");

    public static LocalizedText NotMoney(SchemaField f, string value) => T(
        $"« {value} » n'est pas un montant pour {FieldFr(f)}. Écrivez un montant en dollars comme 12500, 12 500,50 ou 12500.50.",
        $"“{value}” is not an amount for {FieldEn(f)}. Write an amount in dollars such as 12500, 12 500,50 or 12500.50.");

    public static LocalizedText AmbiguousMoney(string value)
    {
        // The parser only calls this for digits, one mark, then exactly three digits.
        var core = value.Trim().Trim('$').Trim();
        var mark = core.IndexOfAny([',', '.']);
        var before = mark > 0 ? core[..mark] : core;
        var after = mark > 0 ? core[(mark + 1)..] : "";
        var thousands = long.TryParse(before + after, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var grouped = thousands.ToString("#,0", new NumberFormatInfo { NumberGroupSeparator = " ", NegativeSign = "-" });
        var withCents = after.Length == 3 && after[2] == '0';
        var centsFr = withCents ? $", ou {before},{after[..2]} pour un montant avec des cents" : "";
        var centsEn = withCents ? $", or {before}.{after[..2]} for an amount with cents" : "";
        return T(
            $"Le montant « {value} » est ambigu : écrivez {thousands} ou {grouped},00 pour un montant en milliers{centsFr}.",
            $"The amount “{value}” is ambiguous: write {thousands} or {grouped}.00 for thousands{centsEn}.");
    }

    public static LocalizedText NegativeMoney(SchemaField f, string value) => T(
        $"Le montant « {value} » de {FieldFr(f)} est négatif ; il doit être 0 ou plus.",
        $"The amount “{value}” of {FieldEn(f)} is negative; it must be 0 or more.");

    public static LocalizedText MoneyTooLarge(SchemaField f, string value, decimal max) => T(
        $"Le montant « {value} » de {FieldFr(f)} dépasse le maximum de {max.ToString("N0", Fr)} $.",
        $"The amount “{value}” of {FieldEn(f)} is over the maximum of ${max.ToString("N0", En)}.");

    public static LocalizedText MoneyDecimals(SchemaField f, string value) => T(
        $"Le montant « {value} » de {FieldFr(f)} a plus de 2 décimales ; arrondissez au cent.",
        $"The amount “{value}” of {FieldEn(f)} has more than 2 decimals; round it to the cent.");

    public static LocalizedText NotInteger(SchemaField f, string value) => T(
        $"« {value} » n'est pas un nombre entier pour {FieldFr(f)}. Écrivez un nombre comme 1200 ou 1 200.",
        $"“{value}” is not a whole number for {FieldEn(f)}. Write a number such as 1200 or 1 200.");

    public static LocalizedText IntegerRange(SchemaField f, string value, long max) => T(
        $"La valeur de {FieldFr(f)} doit être entre 0 et {max.ToString("N0", Fr)} ; « {value} » est hors limites.",
        $"{FieldEn(f)} must be between 0 and {max.ToString("N0", En)}; “{value}” is out of range.");

    public static LocalizedText NotDate(SchemaField f, string value) => T(
        $"« {value} » n'est pas une date pour {FieldFr(f)}. Écrivez la date comme 2022-04-01 (AAAA-MM-JJ) ou 01/04/2022 (JJ/MM/AAAA).",
        $"“{value}” is not a date for {FieldEn(f)}. Write the date as 2022-04-01 (YYYY-MM-DD) or 01/04/2022 (DD/MM/YYYY).");

    public static LocalizedText EndBeforeStart(string end, string start) => T(
        $"La date de fin « {end} » est avant la date de début « {start} ».",
        $"The end date “{end}” is before the start date “{start}”.");

    public static LocalizedText DateOutsideExercice(SchemaField f, string value, string exercice, string first, string last, int years) => T(
        $"La date « {value} » de {FieldFr(f)} est trop loin de l'exercice {exercice} : elle doit être entre le {first} et le {last} ({years} ans avant ou après l'exercice). Vérifiez l'année.",
        $"The date “{value}” of {FieldEn(f)} is too far from fiscal year {exercice}: it must be between {first} and {last} ({years} years before or after the fiscal year). Check the year.");

    public static LocalizedText NotExercice(SchemaField f, string value) => T(
        $"« {value} » n'est pas un exercice pour {FieldFr(f)}. Écrivez deux années qui se suivent, comme 2022-2023.",
        $"“{value}” is not a fiscal year for {FieldEn(f)}. Write two consecutive years, such as 2022-2023.");

    public static LocalizedText ExerciceNotConsecutive(string value) => T(
        $"L'exercice « {value} » doit couvrir deux années qui se suivent (du 1er avril au 31 mars), comme 2022-2023.",
        $"The fiscal year “{value}” must span two consecutive years (1 April to 31 March), such as 2022-2023.");

    public static LocalizedText ExerciceMismatch(string value, string expected, int? firstRow) => T(
        $"L'exercice « {value} » diffère de l'exercice du fichier, « {expected} »{(firstRow is { } r ? $" (ligne {r})" : "")}. Un fichier couvre un seul exercice : déposez un fichier par exercice.",
        $"Fiscal year “{value}” differs from the file's fiscal year, “{expected}”{(firstRow is { } r2 ? $" (row {r2})" : "")}. A file covers one fiscal year: upload one file per year.");

    public static LocalizedText NotNeq(SchemaField f, string value) => T(
        $"« {value} » n'est pas un NEQ pour {FieldFr(f)} : il faut exactement 10 chiffres (les espaces sont permises).",
        $"“{value}” is not a NEQ for {FieldEn(f)}: it takes exactly 10 digits (spaces allowed).");

    public static LocalizedText NotEmail(SchemaField f, string value) => T(
        $"« {value} » n'est pas une adresse courriel valide pour {FieldFr(f)} (ex. nom@organisme.org).",
        $"“{value}” is not a valid e-mail address for {FieldEn(f)} (e.g. name@organisation.org).");

    public static LocalizedText UnknownRegion(SchemaField f, string value) => T(
        $"« {value} » n'est pas une région administrative pour {FieldFr(f)}. Écrivez un code de 01 à 17 ou le nom de la région (ex. 05 ou Estrie).",
        $"“{value}” is not an administrative region for {FieldEn(f)}. Write a code from 01 to 17 or the region's name (e.g. 05 or Estrie).");

    public static LocalizedText RegionMismatch(string value, string code, string name, string mandataire, string ownCode, string ownName) => T(
        $"La région « {value} » ({code} {name}) n'est pas celle du mandataire « {mandataire} » : {ownCode} {ownName}. Chaque mandataire déclare les projets de sa propre région.",
        $"Region “{value}” ({code} {name}) is not the region of mandataire “{mandataire}”: {ownCode} {ownName}. Each mandataire reports the projects of its own region.");

    public static LocalizedText Unique(string value, int firstRow) => T(
        $"Le numéro de projet « {value} » est déjà utilisé à la ligne {firstRow}. Chaque projet doit avoir un numéro unique dans le fichier.",
        $"Project number “{value}” is already used on row {firstRow}. Each project needs a number unique in the file.");
}
