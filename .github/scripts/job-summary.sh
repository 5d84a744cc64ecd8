#!/usr/bin/env bash
# job-summary.sh: action.yml's `summary: true`. Appends to $GITHUB_STEP_SUMMARY (Markdown, shown
# on the run's page) what a reviewer needs without opening the log:
# - on a pull request, `samictl diff --git BASE --format markdown -- PATHS`: what the change does
#   to each bot, compliance changes first (its text is escaped by samictl: no HTML, no links);
# - the findings of `samictl validate ARGS -- PATHS`: its verdict line, and its human output
#   (capped) in a collapsed code block whose fence is longer than any backtick run in it.
# Environment: GITHUB_STEP_SUMMARY (required); SAMICTL_PATHS and SAMICTL_ARGS as the validate
# step; SAMICTL_DIFF_BASE, the revision to compare with (default on a `pull_request` event: the
# first parent of the merge commit actions/checkout checks out, fetched if the clone is
# shallow; with no base there is no diff section). Never fails the job on samictl's verdict
# (the validate step does that); a diff that can't be made is a warning.
set -euo pipefail
set -f # the inputs are split on white space, no glob is expanded
summary=${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY is not set (not in GitHub Actions?)}
read -r -a paths <<< "$(printf '%s' "${SAMICTL_PATHS:-.}" | tr '\n' ' ')"
read -r -a args <<< "$(printf '%s' "${SAMICTL_ARGS:-}" | tr '\n' ' ')"
max_lines=400

# fence TEXT-FILE: a backtick fence longer than the longest backtick run in the file (min 3).
fence() {
    local longest
    longest=$(grep -o '`\+' "$1" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
    local n=$((longest < 3 ? 3 : longest + 1))
    printf '%*s' "$n" '' | tr ' ' '`'
}

# The base of the pull request, or nothing.
base=${SAMICTL_DIFF_BASE:-}
if [ -z "$base" ] && [ "${GITHUB_EVENT_NAME:-}" = pull_request ]; then
    # actions/checkout checks out the pull request merged into its base branch: a commit with
    # two parents, the first the base. A shallow clone names the parent without having it.
    parents=$(git cat-file -p HEAD 2> /dev/null | sed -n 's/^parent //p' || true)
    if [ "$(printf '%s\n' "$parents" | grep -c .)" -eq 2 ]; then
        base=$(printf '%s\n' "$parents" | head -n 1)
        if ! git cat-file -e "$base^{commit}" 2> /dev/null; then
            git fetch --quiet --no-tags --depth=1 origin "$base" ||
                echo "::warning title=samictl::could not fetch the pull request's base $base"
        fi
    else
        echo "::warning title=samictl::the checkout is not a pull request merge commit; set the action's diff-base input for the job summary's diff"
    fi
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT

if [ -n "$base" ]; then
    code=0
    samictl diff --git "$base" --format markdown -- ${paths[@]+"${paths[@]}"} > "$out" || code=$?
    if [ "$code" -le 1 ]; then
        { cat "$out" && echo; } >> "$summary"
    else
        echo "::warning title=samictl::samictl diff --git failed (exit $code); the job summary has no diff"
        cat "$out"
    fi
fi

code=0
# ${x[@]+"${x[@]}"}: an empty array is an error under set -u in bash 3.2 (macOS)
NO_COLOR=1 samictl validate --color never ${args[@]+"${args[@]}"} -- ${paths[@]+"${paths[@]}"} > "$out" 2>&1 || code=$?
case $code in
    0) verdict="passed" ;;
    1) verdict="failed" ;;
    *) verdict="could not check (exit $code)" ;;
esac
lines=$(wc -l < "$out")
{
    echo "### samictl validate: $verdict"
    echo
    # The counts line (`ok: checked 3 files: no problems found`) is samictl's own words.
    counts=$(grep -E '^(ok|error|warning): checked [0-9]+ files?' "$out" | tail -n 1 || true)
    if [ -n "$counts" ]; then
        echo "\`$counts\`"
        echo
    fi
    if [ "$code" -ne 0 ] || [ "$lines" -gt 1 ]; then
        head -n "$max_lines" "$out" > "$out.shown"
        f=$(fence "$out.shown")
        echo "<details><summary>Findings ($lines lines of output)</summary>"
        echo
        echo "${f}text"
        cat "$out.shown"
        echo "$f"
        if [ "$lines" -gt "$max_lines" ]; then
            echo
            echo "The first $max_lines lines; the rest is in the step's log."
        fi
        echo
        echo "</details>"
        rm -f "$out.shown"
    fi
    echo
} >> "$summary"
echo "samictl: job summary written (validate $verdict${base:+, diff against $base})"
