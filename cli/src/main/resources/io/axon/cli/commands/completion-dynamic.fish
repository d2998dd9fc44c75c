
# Task names, namespaces and contexts come from the cluster: `axon __complete WHAT` lists them,
# with the --kubeconfig, --context and -n already on the line, and prints nothing on any error.
function __axon_complete
    set -l tokens (commandline -opc)
    set -l global
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case --kubeconfig --context -n --namespace
                set -l next (math $i + 1)
                if test $next -le (count $tokens)
                    set global $global $tokens[$i] $tokens[$next]
                end
                set i $next
        end
        set i (math $i + 1)
    end
    axon $global __complete $argv 2>/dev/null
end

# Whether the word being completed is a Task's name: logs|wait NAME, get|describe|delete task NAME.
function __axon_wants_task
    set -l tokens (commandline -opc)
    set -l words
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case --kubeconfig --context -n --namespace
                set i (math $i + 1)
            case '-*'
            case '*'
                set words $words $tokens[$i]
        end
        set i (math $i + 1)
    end
    switch "$words[1]"
        case logs wait
            test (count $words) -eq 1
        case get describe delete
            test (count $words) -ge 2; and contains -- $words[2] task tasks axt axontask
        case '*'
            return 1
    end
end

complete -c axon -n __axon_wants_task -f -a '(__axon_complete tasks)'
