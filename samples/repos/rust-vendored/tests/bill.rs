use shop::per_person;

#[test]
fn shares_with_the_odd_cents_first() {
    assert_eq!(per_person(10, 3), vec![4, 3, 3]);
}

#[test]
fn one_person_pays_it_all() {
    assert_eq!(per_person(7, 1), vec![7]);
}
