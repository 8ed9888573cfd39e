# bash completion for tend(1).
#
# The candidates come from tend itself ('tend --complete line -- WORDS'),
# which reads its command table, so this file never lists a command or an
# option.  Where tend offers nothing (a file name, free text) bash falls
# back to file names.

_tend()
{
	local cword tend i
	local -a words out

	# Keep --db=PATH and partner names with ':' whole when bash-completion
	# is loaded; plain bash splits at its COMP_WORDBREAKS.
	if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
		_get_comp_words_by_ref -n =: -w words -i cword
	else
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	tend=${words[0]}
	# A command typed as ~/bin/tend reaches us unexpanded.
	[[ $tend == \~/* ]] && tend=$HOME/${tend#\~/}

	COMPREPLY=()
	mapfile -t out < <(command "$tend" --complete line -- \
	    "${words[@]:1:cword}" 2>/dev/null)
	# A partner's name may hold spaces: quote each candidate for the line.
	for i in "${!out[@]}"; do
		[[ -n ${out[i]} ]] && printf -v 'COMPREPLY[i]' '%q' "${out[i]}"
	done
	return 0
}

complete -o default -F _tend tend
