namespace Calc;

/// <summary>Fractions in lowest terms.</summary>
public static class Fractions
{
    public static int Gcd(int a, int b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>The fraction <paramref name="numerator"/>/<paramref name="denominator"/> in lowest terms, the sign on the numerator.</summary>
    public static (int Numerator, int Denominator) Reduce(int numerator, int denominator)
    {
        if (denominator == 0)
        {
            throw new DivideByZeroException("a fraction's denominator cannot be 0");
        }

        var gcd = Gcd(numerator, denominator);
        var sign = denominator < 0 ? -1 : 1;
        return (sign * numerator / gcd, sign * denominator / gcd);
    }
}
