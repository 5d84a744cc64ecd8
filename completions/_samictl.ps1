
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'samictl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'samictl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'samictl' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors (also after the commands that read it)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml (also after the commands that read it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check bot files: every finding of every file, with its rule, place and fix')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Apply the machine-applicable fixes in place (safe ones; unsafe with --unsafe)')
            [CompletionResult]::new('fmt', 'fmt', [CompletionResultType]::ParameterValue, 'Rewrite bot files in the one canonical layout (--check for CI)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the eight outcome cards as tables, collapsed or expanded')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Show exactly what fires for an outcome, in order, and why')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a new bot file: SAMI''s preset cards where one is published, the other cards empty')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a bot''s cards through prompts; shows the diff and asks before writing')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run expectation files (*.test.yaml) that pin what each outcome fires')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare the behaviour of two versions of a bot file, outcome by outcome')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Write every bot as one self-contained HTML page: cards, fleet matrix and findings')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule with its severity')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain one rule in full, with a wrong and a right example')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema of the format, for editors (yaml-language-server)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('lsp', 'lsp', [CompletionResultType]::ParameterValue, 'Run the language server (LSP over standard input and output) for editors')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'samictl;validate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Treat warnings as errors (exit 1 when any warning is reported)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links met in a directory walk, but never to anything outside the walked folder (by default they are skipped). A file named on the command line is always read, link or not')
            [CompletionResult]::new('--force-exclude', '--force-exclude', [CompletionResultType]::ParameterName, 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'samictl;fix' {
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--unsafe', '--unsafe', [CompletionResultType]::ParameterName, 'Also apply unsafe fixes (they change what fires: review the result)')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'Print the changes as a unified diff and write nothing; exit 1 when a fix is available')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read')
            [CompletionResult]::new('--changes-only', '--changes-only', [CompletionResultType]::ParameterName, 'Print only what was changed; the findings left, and the exit code they give, are left to `samictl validate` (the pre-commit hook `samictl-fix` runs so, so the errors that `samictl-validate` lists are not listed twice)')
            [CompletionResult]::new('--force-exclude', '--force-exclude', [CompletionResultType]::ParameterName, 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;fmt' {
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Write nothing; list the files that are not formatted and exit 1 if there is any')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'Print the changes as a unified diff and write nothing; exit 1 if a file would change')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read')
            [CompletionResult]::new('--force-exclude', '--force-exclude', [CompletionResultType]::ParameterName, 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;show' {
            [CompletionResult]::new('--expand', '--expand', [CompletionResultType]::ParameterName, 'Show cards in full: every card without a value, or the card of TAG (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format; anything but `human` gives the fleet matrix, even for one file')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read')
            [CompletionResult]::new('--force-exclude', '--force-exclude', [CompletionResultType]::ParameterName, 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'samictl;simulate' {
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'The outcome to simulate')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'With --record: write the expectation file to FILE instead of standard output (through the shared writer: atomic, through a link to its target, keeping the file''s mode; never the bot file itself)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'With --record: write the expectation file to FILE instead of standard output (through the shared writer: atomic, through a link to its target, keeping the file''s mode; never the bot file itself)')
            [CompletionResult]::new('--direction', '--direction', [CompletionResultType]::ParameterName, 'Simulate as if the bot''s direction were this one (which enrollment locks apply); the file is checked under it, and a finding it causes is reported (exit 1)')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Where the conversation happens: a call (the `outcomes` cards) or a text thread (the `messaging` cards: SAMI''s system steps, then the card''s actions and owner alert)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Simulate every outcome (a matrix in human form, a JSON array)')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Print an expectation file (for `samictl test`) pinning today''s behaviour of all eight outcomes')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read')
            [CompletionResult]::new('--force-exclude', '--force-exclude', [CompletionResultType]::ParameterName, 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'samictl;init' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The bot''s name (asked for when missing, on a terminal)')
            [CompletionResult]::new('--direction', '--direction', [CompletionResultType]::ParameterName, 'The bot''s direction (asked for when missing, on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing file')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;edit' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;test' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links met in a directory walk, never outside the walked folder (by default they are skipped)')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'samictl;diff' {
            [CompletionResult]::new('--git', '--git', [CompletionResultType]::ParameterName, 'Compare every bot file that differs between git revisions: BASE (against the working tree), BASE..HEAD, or BASE...HEAD (from their merge base), renames detected')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE through the safe writer (temporary file, then rename) instead of standard output; `-` is standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE through the safe writer (temporary file, then rename) instead of standard output; `-` is standard output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--force-exclude', '--force-exclude', [CompletionResultType]::ParameterName, 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'samictl;report' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the page to FILE (`-`: standard output, the default when it is not a terminal)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the page to FILE (`-`: standard output, the default when it is not a terminal)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in samictl.toml does; relative to the working directory; `**` crosses folders')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Count warnings as errors (the exit code; the page shows each at its severity)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'In a directory walk, follow symbolic links whose target stays inside the walked folder (by default they are skipped). A file named on the command line is always read')
            [CompletionResult]::new('--force-exclude', '--force-exclude', [CompletionResultType]::ParameterName, 'Leave excluded files out even when named on the command line (for pre-commit hooks, which name every changed file); without it they are checked, with a note')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;rules' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;explain' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;schema' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Print the JSON Schema of samictl.toml instead (for TOML editors: Taplo, Even Better TOML)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;lsp' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Use this samictl.toml instead of searching the working directory and its ancestors')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)')
            [CompletionResult]::new('--stdio', '--stdio', [CompletionResultType]::ParameterName, 'Accepted for editors that pass it (the default, and the only transport)')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any samictl.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'samictl;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check bot files: every finding of every file, with its rule, place and fix')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Apply the machine-applicable fixes in place (safe ones; unsafe with --unsafe)')
            [CompletionResult]::new('fmt', 'fmt', [CompletionResultType]::ParameterValue, 'Rewrite bot files in the one canonical layout (--check for CI)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the eight outcome cards as tables, collapsed or expanded')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Show exactly what fires for an outcome, in order, and why')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a new bot file: SAMI''s preset cards where one is published, the other cards empty')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a bot''s cards through prompts; shows the diff and asks before writing')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run expectation files (*.test.yaml) that pin what each outcome fires')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare the behaviour of two versions of a bot file, outcome by outcome')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Write every bot as one self-contained HTML page: cards, fleet matrix and findings')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule with its severity')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain one rule in full, with a wrong and a right example')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema of the format, for editors (yaml-language-server)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('lsp', 'lsp', [CompletionResultType]::ParameterValue, 'Run the language server (LSP over standard input and output) for editors')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'samictl;help;validate' {
            break
        }
        'samictl;help;fix' {
            break
        }
        'samictl;help;fmt' {
            break
        }
        'samictl;help;show' {
            break
        }
        'samictl;help;simulate' {
            break
        }
        'samictl;help;init' {
            break
        }
        'samictl;help;edit' {
            break
        }
        'samictl;help;test' {
            break
        }
        'samictl;help;diff' {
            break
        }
        'samictl;help;report' {
            break
        }
        'samictl;help;rules' {
            break
        }
        'samictl;help;explain' {
            break
        }
        'samictl;help;schema' {
            break
        }
        'samictl;help;completions' {
            break
        }
        'samictl;help;lsp' {
            break
        }
        'samictl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
