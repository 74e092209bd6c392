namespace Money;

/// <summary>Amounts of cents shared out.</summary>
public static class Shares
{
    /// <summary>The total in as equal parts as possible; the first parts take the odd cents.</summary>
    public static int[] Split(int total, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        var shares = new int[parts];
        for (var i = 0; i < parts; i++)
        {
            shares[i] = (total / parts) + (i <= total % parts ? 1 : 0);
        }

        return shares;
    }
}
