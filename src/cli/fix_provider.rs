//! The fixes the language server offers as quick fixes. `samictl fix`'s engine (issue 14)
//! plugs in here; until then no fix is offered.

use samictl::lsp::fixes::NoFixes;

pub fn provider() -> NoFixes {
    NoFixes
}
