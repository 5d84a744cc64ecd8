use super::*;
use crate::outcome::Direction;

#[test]
fn directions_are_the_outcome_modules() {
    assert_eq!(DIRECTIONS, Direction::ALL.map(Direction::as_str));
}
