# fish completion for tend(1).
#
# The candidates come from tend itself ('tend --complete line -- WORDS'),
# which reads its command table, so this file never lists a command or an
# option.  Where tend offers nothing (a file name, free text), file names.

function __tend_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l tend $words[1]
    set -e words[1]
    set -l out (command $tend --complete line -- $words "$cur" 2>/dev/null)
    if test (count $out) -gt 0
        printf '%s\n' $out
    else
        __fish_complete_path "$cur"
    end
end

complete -c tend -f -a '(__tend_complete)'
