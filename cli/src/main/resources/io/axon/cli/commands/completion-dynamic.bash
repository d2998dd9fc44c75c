
# Task names, namespaces and contexts come from the cluster: `axon __complete WHAT` lists them,
# with the --kubeconfig, --context and -n already on the line, and prints nothing on any error.
_axon_dynamic() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  local -a global=() words=()
  local i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      --kubeconfig|--context|-n|--namespace)
        if ((i + 1 < COMP_CWORD)); then global+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}"); fi
        ((i++)) ;;
      -*) ;;
      *) words+=("${COMP_WORDS[i]}") ;;
    esac
  done
  local what=""
  case "$prev" in
    -n|--namespace) what=namespaces ;;
    --context) what=contexts ;;
    *)
      if [[ $cur != -* ]]; then
        case "${words[0]}" in
          logs|wait) ((${#words[@]} == 1)) && what=tasks ;;
          get|describe|delete)
            case "${words[1]}" in task|tasks|axt|axontask) what=tasks ;; esac ;;
        esac
      fi ;;
  esac
  if [[ -n $what ]]; then
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$(axon "${global[@]}" __complete "$what" 2>/dev/null)" -- "$cur"))
    return 0
  fi
  _complete_axon "$@"
}
complete -F _axon_dynamic -o default axon
