namespace SolidaritePipeline.Submissions;

/// <summary>The kinds of personal information looked for in published free text.</summary>
public enum PersonalDataKind
{
    Email,
    Phone,
}

/// <summary>Where a piece of personal information sits in a text.</summary>
public readonly record struct PersonalDataMatch(int Start, int Length, PersonalDataKind Kind);

/// <summary>
/// Finds e-mail addresses and North American phone numbers in free text (titles, organisation
/// names, municipalities), and redacts them for open data. A hand-written scanner, linear in the
/// text: each character is looked at a bounded number of times (an address is at most 64 + 255
/// characters around its '@'), so no input can make it backtrack.
/// <para>
/// A phone number is a chain of digit groups joined by one separator each (space, no-break space,
/// <c>-</c> or <c>.</c>; the area code may stand in parentheses) that reads, once an optional leading
/// <c>1</c> or <c>+1</c> is set aside, exactly 3-3-4 digits with an area code and an exchange that do
/// not start with 0 or 1: <c>514-555-1234</c>, <c>(418) 555 1234</c>, <c>+1 819 555 1234</c>,
/// <c>1-800-555-1234</c>. Ten digits in a row, dates (4-2-2), amounts (1-3-3 and so on), an NEQ, or a
/// longer chain such as a project number <c>2022-514-555-1234</c> are not phone numbers.
/// </para>
/// </summary>
public static class PersonalData
{
    public const string EmailReplacement = "[courriel retiré]";
    public const string PhoneReplacement = "[téléphone retiré]";

    private const int MaxLocalPart = 64;
    private const int MaxDomain = 255;

    /// <summary>
    /// False when <paramref name="text"/> cannot hold any: an address needs an '@', and a phone number
    /// ten digits. Most titles ("Projet 12") are settled by this count, without the scanner.
    /// </summary>
    public static bool MayHold(ReadOnlySpan<char> text)
    {
        if (text.Contains('@')) return true;
        var digits = 0;
        for (var i = text.IndexOfAnyInRange('0', '9'); i >= 0 && i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) && ++digits == 10) return true;
        }

        return false;
    }

    /// <summary>The first piece of personal information in <paramref name="text"/>, if any.</summary>
    public static PersonalDataMatch? FindFirst(ReadOnlySpan<char> text)
    {
        var position = 0;
        return Next(text, ref position);
    }

    /// <summary>The text with every e-mail address and phone number replaced; the same string when there is none.</summary>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || !MayHold(text)) return text;
        var position = 0;
        var first = Next(text, ref position);
        if (first is null) return text;

        var result = new System.Text.StringBuilder(text.Length);
        var copied = 0;
        for (var match = first; match is { } m; match = Next(text, ref position))
        {
            result.Append(text, copied, m.Start - copied)
                .Append(m.Kind == PersonalDataKind.Email ? EmailReplacement : PhoneReplacement);
            copied = m.Start + m.Length;
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>A short hint of what was found, never the whole value: <c>m…@…</c>, <c>…-…-…34</c>.</summary>
    public static string Hint(ReadOnlySpan<char> text, PersonalDataMatch match)
    {
        var found = text.Slice(match.Start, match.Length);
        return match.Kind == PersonalDataKind.Email
            ? $"{found[0]}…@…"
            : $"…-…-…{found[^2..]}";
    }

    private static PersonalDataMatch? Next(ReadOnlySpan<char> text, ref int position)
    {
        var floor = position; // an address never reaches back into what was already matched
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '@' && Email(text, position, floor) is { } email)
            {
                position = email.Start + email.Length;
                return email;
            }

            if (char.IsAsciiDigit(c) || (c is '+' or '(' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1])))
            {
                var start = position;
                var isPhone = PhoneChain(text, ref position);
                if (isPhone) return new PersonalDataMatch(start, position - start, PersonalDataKind.Phone);
                continue;
            }

            position++;
        }

        return null;
    }

    // local@domain around the '@' at `at`: local of [A-Za-z0-9._%+-'] (letters of any script too), domain labels
    // of letters, digits and '-', at least one '.', a last label of two letters or more.
    private static PersonalDataMatch? Email(ReadOnlySpan<char> text, int at, int floor)
    {
        var start = at;
        while (start > floor && at - start < MaxLocalPart && IsLocalChar(text[start - 1])) start--;
        while (start < at && text[start] == '.') start++;
        if (start == at) return null;

        var end = at + 1;
        var lastDot = -1;
        while (end < text.Length && end - at <= MaxDomain && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '.'))
        {
            if (text[end] == '.')
            {
                if (end + 1 >= text.Length || !char.IsLetterOrDigit(text[end + 1])) break; // a sentence's full stop
                lastDot = end;
            }

            end++;
        }

        if (lastDot < 0 || lastDot == at + 1) return null;
        var tld = text[(lastDot + 1)..end];
        if (tld.Length < 2) return null;
        foreach (var t in tld)
        {
            if (!char.IsLetter(t)) return null;
        }

        return new PersonalDataMatch(start, end - start, PersonalDataKind.Email);
    }

    private static bool IsLocalChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '\'';

    // Reads one whole chain of digit groups from `position` (left after it) and says whether it is a phone number.
    private static bool PhoneChain(ReadOnlySpan<char> text, ref int position)
    {
        var start = position;
        var before = start > 0 ? text[start - 1] : ' ';
        var plus = text[position] == '+';
        if (plus) position++;

        Span<int> lengths = stackalloc int[5];
        Span<char> firsts = stackalloc char[5];
        var groups = 0;
        var shapeBroken = false;
        while (true)
        {
            var paren = position < text.Length && text[position] == '(';
            var groupStart = paren ? position + 1 : position;
            var end = groupStart;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end == groupStart) break; // "(" not followed by digits: the chain ended before it
            if (paren && (end >= text.Length || text[end] != ')'))
            {
                position = end;
                shapeBroken = true;
                break;
            }

            if (groups < lengths.Length)
            {
                lengths[groups] = end - groupStart;
                firsts[groups] = text[groupStart];
            }

            groups++;
            position = paren ? end + 1 : end;

            // One separator, or none after a closing parenthesis, then the next group.
            var next = position;
            if (next < text.Length && IsSeparator(text[next])) next++;
            if (next < text.Length && (char.IsAsciiDigit(text[next]) || (text[next] == '(' && next + 1 < text.Length && char.IsAsciiDigit(text[next + 1])))
                && (next > position || paren))
            {
                position = next;
                continue;
            }

            break;
        }

        if (position == start + (plus ? 1 : 0)) position = start + 1; // nothing read: move on
        if (shapeBroken || groups > lengths.Length) return false;
        var after = position < text.Length ? text[position] : ' ';
        if (char.IsLetterOrDigit(before) || char.IsLetterOrDigit(after)) return false;

        var first = 0;
        if (groups == 4 && lengths[0] == 1 && firsts[0] == '1') first = 1; // 1-800-…, +1 819 …
        else if (plus) return false; // another country's number, or a lone +
        return groups - first == 3
            && lengths[first] == 3 && lengths[first + 1] == 3 && lengths[first + 2] == 4
            && firsts[first] is >= '2' and <= '9' && firsts[first + 1] is >= '2' and <= '9';
    }

    private static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '\u00A0' or '\u202F';
}
