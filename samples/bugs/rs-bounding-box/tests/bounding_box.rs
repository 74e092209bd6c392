use bounding_box::{bounding_box, Point, Rect};

fn p(x: i32, y: i32) -> Point {
    Point { x, y }
}

#[test]
fn no_points() {
    assert_eq!(bounding_box(&[]), None);
}

#[test]
fn one_point() {
    assert_eq!(bounding_box(&[p(2, 3)]), Some(Rect { min: p(2, 3), max: p(2, 3) }));
}

#[test]
fn several_points() {
    let rect = bounding_box(&[p(1, 5), p(-2, 0), p(4, 2)]).unwrap();
    assert_eq!(rect, Rect { min: p(-2, 0), max: p(4, 5) });
}

#[test]
fn area_of_a_tall_box() {
    let rect = bounding_box(&[p(0, 0), p(2, 10)]).unwrap();
    assert_eq!(rect.area(), 20);
}

#[test]
fn points_on_a_diagonal() {
    let rect = bounding_box(&[p(3, 3), p(1, 1), p(2, 2)]).unwrap();
    assert_eq!(rect.area(), 4);
}
