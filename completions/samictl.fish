# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_samictl_global_optspecs
    string join \n config= no-config color= h/help V/version
end

function __fish_samictl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_samictl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_samictl_using_subcommand
    set -l cmd (__fish_samictl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c samictl -n "__fish_samictl_needs_command" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors (also after the commands that read it)' -r -F
complete -c samictl -n "__fish_samictl_needs_command" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_needs_command" -l no-config -d 'Ignore any samictl.toml (also after the commands that read it)'
complete -c samictl -n "__fish_samictl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samictl -n "__fish_samictl_needs_command" -s V -l version -d 'Print version'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "validate" -d 'Check bot files: every finding of every file, with its rule, place and fix'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "fix" -d 'Apply the machine-applicable fixes in place (safe ones; unsafe with --unsafe)'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "fmt" -d 'Rewrite bot files in the one canonical layout (--check for CI)'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "show" -d 'Show the eight outcome cards as tables, collapsed or expanded'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "simulate" -d 'Show exactly what fires for an outcome, in order, and why'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "init" -d 'Write a new bot file: SAMI\'s preset cards where one is published, the other cards empty'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "edit" -d 'Change a bot\'s cards through prompts; shows the diff and asks before writing'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "test" -d 'Run expectation files (*.test.yaml) that pin what each outcome fires'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "diff" -d 'Compare the behaviour of two versions of a bot file, outcome by outcome'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "report" -d 'Write every bot as one self-contained HTML page: cards, fleet matrix and findings'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "rules" -d 'List every rule with its severity'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "explain" -d 'Explain one rule in full, with a wrong and a right example'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "schema" -d 'Print a JSON Schema of the format, for editors (yaml-language-server)'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "lsp" -d 'Run the language server (LSP over standard input and output) for editors'
complete -c samictl -n "__fish_samictl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c samictl -n "__fish_samictl_using_subcommand validate" -l format -d 'Output format' -r -f -a "human\t'rustc-style diagnostics with source excerpts'
json\t'one JSON object (format_version 1)'
sarif\t'SARIF 2.1.0, for code scanning'
github\t'GitHub Actions annotations'
junit\t'JUnit XML, for GitLab and Jenkins'"
complete -c samictl -n "__fish_samictl_using_subcommand validate" -l exclude -d 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders' -r
complete -c samictl -n "__fish_samictl_using_subcommand validate" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand validate" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand validate" -l deny-warnings -d 'Treat warnings as errors (exit 1 when any warning is reported)'
complete -c samictl -n "__fish_samictl_using_subcommand validate" -l follow -d 'Follow symbolic links met in a directory walk, but never to anything outside the walked folder (by default they are skipped). A file named on the command line is always read, link or not'
complete -c samictl -n "__fish_samictl_using_subcommand validate" -l force-exclude -d 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
complete -c samictl -n "__fish_samictl_using_subcommand validate" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samictl -n "__fish_samictl_using_subcommand fix" -l exclude -d 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders' -r
complete -c samictl -n "__fish_samictl_using_subcommand fix" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand fix" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand fix" -l unsafe -d 'Also apply unsafe fixes (they change what fires: review the result)'
complete -c samictl -n "__fish_samictl_using_subcommand fix" -l diff -d 'Print the changes as a unified diff and write nothing; exit 1 when a fix is available'
complete -c samictl -n "__fish_samictl_using_subcommand fix" -l follow -d 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
complete -c samictl -n "__fish_samictl_using_subcommand fix" -l changes-only -d 'Print only what was changed; the findings left, and the exit code they give, are left to `samictl validate` (the pre-commit hook `samictl-fix` runs so, so the errors that `samictl-validate` lists are not listed twice)'
complete -c samictl -n "__fish_samictl_using_subcommand fix" -l force-exclude -d 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
complete -c samictl -n "__fish_samictl_using_subcommand fix" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand fix" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand fmt" -l exclude -d 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders' -r
complete -c samictl -n "__fish_samictl_using_subcommand fmt" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand fmt" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand fmt" -l check -d 'Write nothing; list the files that are not formatted and exit 1 if there is any'
complete -c samictl -n "__fish_samictl_using_subcommand fmt" -l diff -d 'Print the changes as a unified diff and write nothing; exit 1 if a file would change'
complete -c samictl -n "__fish_samictl_using_subcommand fmt" -l follow -d 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
complete -c samictl -n "__fish_samictl_using_subcommand fmt" -l force-exclude -d 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
complete -c samictl -n "__fish_samictl_using_subcommand fmt" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand fmt" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand show" -l expand -d 'Show cards in full: every card without a value, or the card of TAG (repeatable)' -r
complete -c samictl -n "__fish_samictl_using_subcommand show" -l format -d 'Output format; anything but `human` gives the fleet matrix, even for one file' -r -f -a "human\t'the cards of one bot, or the fleet matrix with a legend'
json\t'{"format_version": 1, "bots": [...]}'
csv\t'one line per bot, two columns per outcome'
markdown\t'the fleet matrix as a Markdown table'"
complete -c samictl -n "__fish_samictl_using_subcommand show" -l exclude -d 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders' -r
complete -c samictl -n "__fish_samictl_using_subcommand show" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand show" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand show" -l follow -d 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
complete -c samictl -n "__fish_samictl_using_subcommand show" -l force-exclude -d 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
complete -c samictl -n "__fish_samictl_using_subcommand show" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l outcome -d 'The outcome to simulate' -r -f -a "successful-transfer\t''
missed-transfer\t''
needs-follow-up\t''
contact-later\t''
opt-out\t''
not-interested\t''
unqualified\t''
bad-number\t''"
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -s o -l output -d 'With --record: write the expectation file to FILE instead of standard output (through the shared writer: atomic, through a link to its target, keeping the file\'s mode; never the bot file itself)' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l direction -d 'Simulate as if the bot\'s direction were this one (which enrollment locks apply); the file is checked under it, and a finding it causes is reported (exit 1)' -r -f -a "inbound\t''
outbound\t''
both\t''"
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l channel -d 'Where the conversation happens: a call (the `outcomes` cards) or a text thread (the `messaging` cards: SAMI\'s system steps, then the card\'s actions and owner alert)' -r -f -a "call\t'a call: the `outcomes` cards'
sms\t'a text conversation: the `messaging` cards'"
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l format -d 'Output format' -r -f -a "human\t'numbered steps, each with the reason it fires'
json\t'the simulate JSON object (an array with --all)'"
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l exclude -d 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders' -r
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l all -d 'Simulate every outcome (a matrix in human form, a JSON array)'
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l record -d 'Print an expectation file (for `samictl test`) pinning today\'s behaviour of all eight outcomes'
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l follow -d 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l force-exclude -d 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand simulate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samictl -n "__fish_samictl_using_subcommand init" -l name -d 'The bot\'s name (asked for when missing, on a terminal)' -r
complete -c samictl -n "__fish_samictl_using_subcommand init" -l direction -d 'The bot\'s direction (asked for when missing, on a terminal)' -r -f -a "inbound\t''
outbound\t''
both\t''"
complete -c samictl -n "__fish_samictl_using_subcommand init" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand init" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand init" -l force -d 'Overwrite an existing file'
complete -c samictl -n "__fish_samictl_using_subcommand init" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand init" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand edit" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand edit" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand edit" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand edit" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand test" -l format -d 'Output format' -r -f -a "human\t'a line per case; failures side by side'
json\t'{"cases": [...], "passed": N, "failed": M, "errors": [...]}'
junit\t'JUnit XML: a testcase per case'"
complete -c samictl -n "__fish_samictl_using_subcommand test" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand test" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand test" -l follow -d 'Follow symbolic links met in a directory walk, never outside the walked folder (by default they are skipped)'
complete -c samictl -n "__fish_samictl_using_subcommand test" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samictl -n "__fish_samictl_using_subcommand diff" -l git -d 'Compare every bot file that differs between git revisions: BASE (against the working tree), BASE..HEAD, or BASE...HEAD (from their merge base), renames detected' -r
complete -c samictl -n "__fish_samictl_using_subcommand diff" -l format -d 'Output format' -r -f -a "human\t'before and after of each changed outcome'
markdown\t'a table ready to paste as a pull-request comment (with --git: one whole comment)'
json\t'{"changes": [...]}; with --git: {"format_version": 1, "bots": [...]}'
html\t'one self-contained HTML page (not to a terminal: -o FILE or a redirect)'"
complete -c samictl -n "__fish_samictl_using_subcommand diff" -l exclude -d 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders' -r
complete -c samictl -n "__fish_samictl_using_subcommand diff" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand diff" -s o -l output -d 'Write the output to FILE through the safe writer (temporary file, then rename) instead of standard output; `-` is standard output' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand diff" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand diff" -l force-exclude -d 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
complete -c samictl -n "__fish_samictl_using_subcommand diff" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samictl -n "__fish_samictl_using_subcommand report" -s o -l output -d 'Write the page to FILE (`-`: standard output, the default when it is not a terminal)' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand report" -l exclude -d 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders' -r
complete -c samictl -n "__fish_samictl_using_subcommand report" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand report" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand report" -l deny-warnings -d 'Count warnings as errors (the exit code; the page shows each at its severity)'
complete -c samictl -n "__fish_samictl_using_subcommand report" -l follow -d 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read'
complete -c samictl -n "__fish_samictl_using_subcommand report" -l force-exclude -d 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note'
complete -c samictl -n "__fish_samictl_using_subcommand report" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand report" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand rules" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand rules" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand explain" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand explain" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand schema" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand schema" -l config -d 'Print the JSON Schema of samictl.toml instead (for TOML editors: Taplo, Even Better TOML)'
complete -c samictl -n "__fish_samictl_using_subcommand schema" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand lsp" -l config -d 'Use this samictl.toml instead of searching the working directory and its ancestors' -r -F
complete -c samictl -n "__fish_samictl_using_subcommand lsp" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samictl -n "__fish_samictl_using_subcommand lsp" -l stdio -d 'Accepted for editors that pass it (the default, and the only transport)'
complete -c samictl -n "__fish_samictl_using_subcommand lsp" -l no-config -d 'Ignore any samictl.toml'
complete -c samictl -n "__fish_samictl_using_subcommand lsp" -s h -l help -d 'Print help'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "validate" -d 'Check bot files: every finding of every file, with its rule, place and fix'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "fix" -d 'Apply the machine-applicable fixes in place (safe ones; unsafe with --unsafe)'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "fmt" -d 'Rewrite bot files in the one canonical layout (--check for CI)'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "show" -d 'Show the eight outcome cards as tables, collapsed or expanded'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "simulate" -d 'Show exactly what fires for an outcome, in order, and why'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "init" -d 'Write a new bot file: SAMI\'s preset cards where one is published, the other cards empty'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "edit" -d 'Change a bot\'s cards through prompts; shows the diff and asks before writing'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "test" -d 'Run expectation files (*.test.yaml) that pin what each outcome fires'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "diff" -d 'Compare the behaviour of two versions of a bot file, outcome by outcome'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "report" -d 'Write every bot as one self-contained HTML page: cards, fleet matrix and findings'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "rules" -d 'List every rule with its severity'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "explain" -d 'Explain one rule in full, with a wrong and a right example'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "schema" -d 'Print a JSON Schema of the format, for editors (yaml-language-server)'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "completions" -d 'Print a shell completion script'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "lsp" -d 'Run the language server (LSP over standard input and output) for editors'
complete -c samictl -n "__fish_samictl_using_subcommand help; and not __fish_seen_subcommand_from validate fix fmt show simulate init edit test diff report rules explain schema completions lsp help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
