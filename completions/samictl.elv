
use builtin;
use str;

set edit:completion:arg-completer[samictl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'samictl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'samictl'= {
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors (also after the commands that read it)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --no-config 'Ignore any samictl.toml (also after the commands that read it)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Check bot files: every finding of every file, with its rule, place and fix'
            cand fix 'Apply the machine-applicable fixes in place (safe ones; unsafe with --unsafe)'
            cand fmt 'Rewrite bot files in the one canonical layout (--check for CI)'
            cand show 'Show the eight outcome cards as tables, collapsed or expanded'
            cand simulate 'Show exactly what fires for an outcome, in order, and why'
            cand init 'Write a new bot file: SAMI''s preset cards where one is published, the other cards empty'
            cand edit 'Change a bot''s cards through prompts; shows the diff and asks before writing'
            cand test 'Run expectation files (*.test.yaml) that pin what each outcome fires'
            cand diff 'Compare the behaviour of two versions of a bot file, outcome by outcome'
            cand report 'Write every bot as one self-contained HTML page: cards, fleet matrix and findings'
            cand rules 'List every rule with its severity'
            cand explain 'Explain one rule in full, with a wrong and a right example'
            cand schema 'Print a JSON Schema of the format, for editors (yaml-language-server)'
            cand completions 'Print a shell completion script'
            cand lsp 'Run the language server (LSP over standard input and output) for editors'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'samictl;validate'= {
            cand --format 'Output format'
            cand --exclude 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders'
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --deny-warnings 'Treat warnings as errors (exit 1 when any warning is reported)'
            cand --follow 'Follow symbolic links met in a directory walk, but never to anything outside the walked folder (by default they are skipped). A file named on the command line is always read, link or not'
            cand --force-exclude 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'samictl;fix'= {
            cand --exclude 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders'
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --unsafe 'Also apply unsafe fixes (they change what fires: review the result)'
            cand --diff 'Print the changes as a unified diff and write nothing; exit 1 when a fix is available'
            cand --follow 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
            cand --changes-only 'Print only what was changed; the findings left, and the exit code they give, are left to `samictl validate` (the pre-commit hook `samictl-fix` runs so, so the errors that `samictl-validate` lists are not listed twice)'
            cand --force-exclude 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;fmt'= {
            cand --exclude 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders'
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --check 'Write nothing; list the files that are not formatted and exit 1 if there is any'
            cand --diff 'Print the changes as a unified diff and write nothing; exit 1 if a file would change'
            cand --follow 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
            cand --force-exclude 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;show'= {
            cand --expand 'Show cards in full: every card without a value, or the card of TAG (repeatable)'
            cand --format 'Output format; anything but `human` gives the fleet matrix, even for one file'
            cand --exclude 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders'
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --follow 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
            cand --force-exclude 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'samictl;simulate'= {
            cand --outcome 'The outcome to simulate'
            cand -o 'With --record: write the expectation file to FILE instead of standard output (through the shared writer: atomic, through a link to its target, keeping the file''s mode; never the bot file itself)'
            cand --output 'With --record: write the expectation file to FILE instead of standard output (through the shared writer: atomic, through a link to its target, keeping the file''s mode; never the bot file itself)'
            cand --direction 'Simulate as if the bot''s direction were this one (which enrollment locks apply); the file is checked under it, and a finding it causes is reported (exit 1)'
            cand --channel 'Where the conversation happens: a call (the `outcomes` cards) or a text thread (the `messaging` cards: SAMI''s system steps, then the card''s actions and owner alert)'
            cand --format 'Output format'
            cand --exclude 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders'
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --all 'Simulate every outcome (a matrix in human form, a JSON array)'
            cand --record 'Print an expectation file (for `samictl test`) pinning today''s behaviour of all eight outcomes'
            cand --follow 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
            cand --force-exclude 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'samictl;init'= {
            cand --name 'The bot''s name (asked for when missing, on a terminal)'
            cand --direction 'The bot''s direction (asked for when missing, on a terminal)'
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --force 'Overwrite an existing file'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;edit'= {
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;test'= {
            cand --format 'Output format'
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --follow 'Follow symbolic links met in a directory walk, never outside the walked folder (by default they are skipped)'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'samictl;diff'= {
            cand --git 'Compare every bot file that differs between git revisions: BASE (against the working tree), BASE..HEAD, or BASE...HEAD (from their merge base), renames detected'
            cand --format 'Output format'
            cand --exclude 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders'
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand -o 'Write the output to FILE through the safe writer (temporary file, then rename) instead of standard output; `-` is standard output'
            cand --output 'Write the output to FILE through the safe writer (temporary file, then rename) instead of standard output; `-` is standard output'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --force-exclude 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'samictl;report'= {
            cand -o 'Write the page to FILE (`-`: standard output, the default when it is not a terminal)'
            cand --output 'Write the page to FILE (`-`: standard output, the default when it is not a terminal)'
            cand --exclude 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders'
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --deny-warnings 'Count warnings as errors (the exit code; the page shows each at its severity)'
            cand --follow 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
            cand --force-exclude 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;rules'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;explain'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;schema'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --config 'Print the JSON Schema of samictl.toml instead (for TOML editors: Taplo, Even Better TOML)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;completions'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;lsp'= {
            cand --config 'Use this samictl.toml instead of searching the working directory and its ancestors'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)'
            cand --stdio 'Accepted for editors that pass it (the default, and the only transport)'
            cand --no-config 'Ignore any samictl.toml'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'samictl;help'= {
            cand validate 'Check bot files: every finding of every file, with its rule, place and fix'
            cand fix 'Apply the machine-applicable fixes in place (safe ones; unsafe with --unsafe)'
            cand fmt 'Rewrite bot files in the one canonical layout (--check for CI)'
            cand show 'Show the eight outcome cards as tables, collapsed or expanded'
            cand simulate 'Show exactly what fires for an outcome, in order, and why'
            cand init 'Write a new bot file: SAMI''s preset cards where one is published, the other cards empty'
            cand edit 'Change a bot''s cards through prompts; shows the diff and asks before writing'
            cand test 'Run expectation files (*.test.yaml) that pin what each outcome fires'
            cand diff 'Compare the behaviour of two versions of a bot file, outcome by outcome'
            cand report 'Write every bot as one self-contained HTML page: cards, fleet matrix and findings'
            cand rules 'List every rule with its severity'
            cand explain 'Explain one rule in full, with a wrong and a right example'
            cand schema 'Print a JSON Schema of the format, for editors (yaml-language-server)'
            cand completions 'Print a shell completion script'
            cand lsp 'Run the language server (LSP over standard input and output) for editors'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'samictl;help;validate'= {
        }
        &'samictl;help;fix'= {
        }
        &'samictl;help;fmt'= {
        }
        &'samictl;help;show'= {
        }
        &'samictl;help;simulate'= {
        }
        &'samictl;help;init'= {
        }
        &'samictl;help;edit'= {
        }
        &'samictl;help;test'= {
        }
        &'samictl;help;diff'= {
        }
        &'samictl;help;report'= {
        }
        &'samictl;help;rules'= {
        }
        &'samictl;help;explain'= {
        }
        &'samictl;help;schema'= {
        }
        &'samictl;help;completions'= {
        }
        &'samictl;help;lsp'= {
        }
        &'samictl;help;help'= {
        }
    ]
    $completions[$command]
}
