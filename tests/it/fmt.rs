//! `samictl fmt` (spec section 18): the layout, what it keeps, the command's modes and exit
//! codes, and that `init`, `edit` and `fix` keep a formatted file formatted.
