/// auparse's value/name tables, in each header's order (flag tables are walked in this
/// order; for a repeated value the first name wins, as in auparse). One generated file a
/// table in `Auparse/`, written by `scripts/gen-auparse-tables`.
enum AuparseTables {}
