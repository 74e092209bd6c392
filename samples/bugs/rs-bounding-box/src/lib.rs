//! The smallest axis-aligned rectangle around a set of points, as used to frame a drawing.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    /// Width times height; a wider integer so large drawings cannot overflow.
    pub fn area(&self) -> i64 {
        i64::from(self.max.x - self.min.x) * i64::from(self.max.y - self.min.y)
    }
}

/// The bounding box of `points`, or `None` when there are none.
pub fn bounding_box(points: &[Point]) -> Option<Rect> {
    let first = *points.first()?;
    let mut rect = Rect { min: first, max: first };
    for p in &points[1..] {
        rect.min.x = rect.min.x.min(p.x);
        rect.min.y = rect.min.y.min(p.y);
        rect.max.x = rect.max.x.max(p.x);
        rect.max.y = rect.max.y.max(p.x);
    }
    Some(rect)
}
