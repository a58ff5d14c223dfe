# bash completion for hd(1), the help desk in a git repository.
# Installed as share/bash-completion/completions/hd; to try it by hand:
#   source completions/hd.bash
# The bash-completion package's helpers are used when they are loaded; without
# them the function falls back on plain bash (4.0 or later).

# The option table: every option of hd itself ('') or of a subcommand, and the
# ones that take a value (the next word, or --opt=VALUE, or -oVALUE).
_hd__options() {
    case $1 in
    '')
        opts='-C -h --help --version'
        vopts='-C'
        ;;
    init)
        opts='--name -h --help'
        vopts='--name'
        ;;
    new)
        opts='--title --from --audience --priority --summary --tag --greet --zone -m --message -F --file -h --help'
        vopts='--title --from --audience --priority --summary --tag --greet --zone -m --message -F --file'
        ;;
    note)
        opts='-m --message -F --file --backfill -h --help'
        vopts='-m --message -F --file'
        ;;
    restate)
        opts='-h --help'
        vopts=''
        ;;
    receive)
        opts='-m --message -F --file --at --backfill --email --maildir --mbox --json -h --help'
        vopts='-m --message -F --file --at --maildir --mbox'
        ;;
    reply)
        opts='-m --message -F --file --template --ask --dry-run --no-lint --strict --send --no-send --print-email --backfill -h --help'
        vopts='-m --message -F --file --template'
        ;;
    followup)
        opts='--due --now --dry-run --json -m --message --each --sync --remote --tries --send --no-send --print-email -h --help'
        vopts='-m --message --remote --tries'
        ;;
    close)
        opts='-r --resolution --explain --of --force --reason --stale --dry-run -m --message --sync --remote --tries --send --no-send --print-email -h --help'
        vopts='-r --resolution --explain --of --reason -m --message --remote --tries'
        ;;
    escalate)
        opts='--to --next-steps --dry-run -m --message --send --no-send --print-email -h --help'
        vopts='--to --next-steps -m --message'
        ;;
    reopen)
        opts='-m --message -h --help'
        vopts='-m --message'
        ;;
    show)
        opts='--json -h --help'
        vopts=''
        ;;
    list)
        opts='-s --status -p --priority --audience --waiting-on -t --tag --requester --mine --assignee --unassigned --grep -a --all --json --ids -h --help'
        vopts='-s --status -p --priority --audience --waiting-on -t --tag --requester --assignee --grep'
        ;;
    search)
        opts='-s --status -p --priority --audience --waiting-on -t --tag --requester --mine --assignee --unassigned --json --ids --limit -h --help'
        vopts='-s --status -p --priority --audience --waiting-on -t --tag --requester --assignee --limit'
        ;;
    next)
        opts='-p --priority --audience -t --tag --requester --mine --assignee --unassigned -a --all -n --limit --json -h --help'
        vopts='-p --priority --audience -t --tag --requester --assignee -n --limit'
        ;;
    assign)
        opts='--to --me --dry-run --json -h --help'
        vopts='--to'
        ;;
    unassign)
        opts='--dry-run --json -h --help'
        vopts=''
        ;;
    set)
        opts='-p --priority --title --audience -t --tag --greet --zone --dry-run --json -h --help'
        vopts='-p --priority --title --audience -t --tag --greet --zone'
        ;;
    snooze)
        opts='--until --reason --clear --dry-run --json -h --help'
        vopts='--until --reason'
        ;;
    templates)
        opts='--json -h --help'
        vopts=''
        ;;
    templates-show)
        # hd templates show NAME [ID]
        opts='--audience -h --help'
        vopts='--audience'
        ;;
    check)
        opts='--json -h --help'
        vopts=''
        ;;
    report)
        opts='-f --format --check --fail-on --since --until -p --priority --agent --limit --by --as-of --weeks -h --help'
        vopts='-f --format --fail-on --since --until -p --priority --agent --limit --by --as-of --weeks'
        ;;
    sync)
        opts='--dry-run --json --tries -h --help'
        vopts='--tries'
        ;;
    merge-driver)
        opts='--marker-size -h --help'
        vopts='--marker-size'
        ;;
    *)
        opts='-h --help'
        vopts=''
        ;;
    esac
    # hd passes options it does not know on to hd itself, so -C DIR is
    # accepted after the subcommand as well.
    vopts+=' -C'
}

# Appends to `used` the option $1 with its other spelling and, for options
# given at most once, whatever it rules out; or to `excluded` what it rules
# out when that is not given at most once anyway. Sets `noid` when the
# option leaves no ticket to name.
_hd__mark_used() {
    # close --stale chooses the tickets and the resolution itself; --sync
    # goes with it, and neither --sync nor --tries with --dry-run.
    case $cmd:$1 in
    close:--stale)
        used+=' --stale '
        excluded+=' -r --resolution --of --force --reason '
        return
        ;;
    close:-r | close:--resolution | close:--of | close:--force | close:--reason)
        [[ $1 == -r || $1 == --resolution ]] && used+=' -r --resolution ' || used+=" $1 "
        excluded+=' --stale --sync --remote --tries '
        return
        ;;
    close:--sync)
        used+=' --sync '
        excluded+=' -r --resolution --of --force --reason --dry-run '
        return
        ;;
    followup:--sync)
        used+=' --sync '
        excluded+=' --dry-run '
        return
        ;;
    followup:--remote | followup:--tries | close:--remote | close:--tries)
        used+=" $1 "
        excluded+=' --dry-run '
        return
        ;;
    followup:--dry-run | close:--dry-run)
        used+=' --dry-run '
        excluded+=' --sync --remote --tries '
        return
        ;;
    # followup --now sends to the tickets named, due or not: not with --due.
    followup:--now)
        used+=' --now '
        excluded+=' --due '
        return
        ;;
    followup:--due)
        used+=' --due '
        excluded+=' --now '
        return
        ;;
    # Whose tickets: mine, someone's, or nobody's.
    list:--mine | list:--assignee | list:--unassigned | search:--mine | search:--assignee | \
        search:--unassigned | next:--mine | next:--assignee | next:--unassigned)
        used+=' --mine --assignee --unassigned '
        return
        ;;
    assign:--to | assign:--me)
        used+=' --to --me '
        return
        ;;
    # snooze: a hold until a time, or the end of one now.
    snooze:--until)
        used+=' --until '
        excluded+=' --clear '
        return
        ;;
    snooze:--clear)
        used+=' --clear '
        excluded+=' --until '
        return
        ;;
    # Mail out (reply, followup, close, escalate): --send goes with neither
    # --no-send nor --print-email.
    *:--send)
        used+=' --send '
        excluded+=' --no-send --print-email '
        return
        ;;
    *:--no-send | *:--print-email)
        used+=" $1 "
        excluded+=' --send '
        return
        ;;
    # receive takes a typed message or mail, and mail from one place only;
    # --maildir and --mbox take no ticket.
    receive:--email | receive:--maildir | receive:--mbox)
        used+=' --email --maildir --mbox '
        excluded+=' -m --message -F --file --at --backfill '
        [[ $1 == --email ]] || noid=1
        return
        ;;
    receive:--json)
        used+=' --json '
        excluded+=' -m --message -F --file --at --backfill '
        return
        ;;
    receive:-m | receive:--message | receive:-F | receive:--file | receive:--at | receive:--backfill)
        case $1 in
        -m | --message) used+=' -m --message ' ;;
        -F | --file) used+=' -F --file ' ;;
        *) used+=" $1 " ;;
        esac
        excluded+=' --email --maildir --mbox --json '
        return
        ;;
    esac
    case $1 in
    -m | --message) used+=' -m --message ' ;;
    -F | --file) used+=' -F --file ' ;;
    -f | --format) used+=' -f --format ' ;;
    -s | --status) used+=' -s --status ' ;;
    -p | --priority) used+=' -p --priority ' ;;
    -t | --tag) used+=' -t --tag ' ;;
    -a | --all) used+=' -a --all ' ;;
    -h | --help) used+=' -h --help ' ;;
    --json | --ids) [[ $cmd == list || $cmd == search ]] && used+=' --json --ids ' || used+=" $1 " ;;
    --no-lint | --strict) used+=' --no-lint --strict ' ;;
    *) used+=" $1 " ;;
    esac
}

# Options that may be given more than once.
_hd__repeatable() {
    case $cmd:$1 in
    new:--tag | new:-m | new:--message) return 0 ;;
    note:-m | note:--message | receive:-m | receive:--message | reply:-m | reply:--message) return 0 ;;
    followup:-m | followup:--message | close:-m | close:--message) return 0 ;;
    escalate:-m | escalate:--message | reopen:-m | reopen:--message) return 0 ;;
    list:-s | list:--status | list:-p | list:--priority | list:--audience | list:--waiting-on) return 0 ;;
    list:-t | list:--tag) return 0 ;;
    search:-s | search:--status | search:-p | search:--priority | search:--audience | search:--waiting-on) return 0 ;;
    search:-t | search:--tag | set:-t | set:--tag) return 0 ;;
    next:-p | next:--priority | next:--audience | next:-t | next:--tag) return 0 ;;
    report:-p | report:--priority) return 0 ;;
    esac
    return 1
}

# Without bash-completion: the words up to the cursor, with "--opt" "=" "value"
# glued back into one word as typed. Returns 1 if COMP_LINE does not match
# COMP_WORDS (then the caller uses COMP_WORDS as they are).
_hd__split_line() {
    local line=${COMP_LINE-} k w lead last
    line=${line:0:${COMP_POINT:-0}}
    words=()
    cword=0
    for ((k = 0; k <= COMP_CWORD && k < ${#COMP_WORDS[@]}; k++)); do
        w=${COMP_WORDS[k]}
        lead=${line%%[![:space:]]*}
        line=${line:${#lead}}
        if ((k == COMP_CWORD)); then
            # The current word, cut at the cursor.
            w=$line
        elif [[ $line == "$w"* ]]; then
            line=${line:${#w}}
        else
            return 1
        fi
        # bash splits "--opt=value" at '='; the shell passes it as one word.
        last=''
        ((${#words[@]})) && last=${words[${#words[@]} - 1]}
        if ((k > 0)) && [[ -z $lead && $last == --?* && ($w == =* || $last == *=) ]]; then
            words[${#words[@]} - 1]+=$w
        else
            words+=("$w")
        fi
    done
    cword=$((${#words[@]} - 1))
    return 0
}

# A directory named on the command line, as the shell would pass it on.
_hd__dequote_dir() {
    local d=$1
    case $d in
    \'*\') d=${d:1:${#d}-2} ;;
    \"*\") d=${d:1:${#d}-2} ;;
    *) d=${d//\\/} ;;
    esac
    case $d in
    \~ | \~/*) d=$HOME${d:1} ;;
    esac
    printf '%s' "$d"
}

# Ticket IDs of the desk, asking the same hd that is being completed; $1, if
# given, goes before each (the "--of=" of a word bash did not split).
_hd__ids() {
    local prog=hd
    [[ ${words[0]} == */* && -x ${words[0]} ]] && prog=${words[0]}
    local ids
    if [[ -n $dir ]]; then
        ids=$("$prog" -C "$dir" __ids 2>/dev/null)
    else
        ids=$("$prog" __ids 2>/dev/null)
    fi
    COMPREPLY=($(compgen -P "${1-}" -W "$ids" -- "$cur"))
}

# The git remotes of the repository being completed in; $1, if given, goes
# before each (the "--remote=" of a word bash did not split).
_hd__remotes() {
    local remotes
    if [[ -n $dir ]]; then
        remotes=$(git -C "$dir" remote 2>/dev/null)
    else
        remotes=$(git remote 2>/dev/null)
    fi
    COMPREPLY=($(compgen -P "${1-}" -W "$remotes" -- "$cur"))
}

# Completes a value from a fixed list; list, search and next take comma-separated lists.
_hd__values() {
    local values=$1 prefix=$2 v
    if [[ ($cmd == list || $cmd == search || $cmd == next) && $cur == *,* ]]; then
        prefix+=${cur%,*},
        cur=${cur##*,}
        # Leave out what the list names already.
        local chosen=",${prefix#*=},"
        local left=''
        for v in $values; do
            [[ $chosen == *",$v,"* ]] || left+=" $v"
        done
        values=$left
    fi
    COMPREPLY=($(compgen -P "$prefix" -W "$values" -- "$cur"))
}

_hd__files() { # $1: -d for directories only
    if declare -F _filedir >/dev/null; then
        _filedir ${1-}
    else
        compopt -o filenames 2>/dev/null
        local kind=-f f
        [[ ${1-} == -d ]] && kind=-d
        while IFS= read -r f; do
            COMPREPLY+=("$f")
        done < <(compgen "$kind" -- "$cur")
    fi
}

_hd() {
    # shellcheck disable=SC2034 # prev: set by _init_completion, unused here
    local cur prev words cword
    COMPREPLY=()
    if declare -F _init_completion >/dev/null; then
        _init_completion -n = || return
    elif _hd__split_line; then
        cur=${words[cword]}
    else
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
    fi

    # Read the line up to the cursor: the subcommand, -C DIR, the options
    # used, how many positionals there are, and whether an option waits for
    # its value.
    local cmd='' dir='' used=' ' excluded=' ' noid='' npos=0 valopt='' opts vopts
    local i w name value endopts=''
    _hd__options ''
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        if [[ -z $endopts && $w == -- ]]; then
            endopts=1
        elif [[ -z $endopts && $w == -?* ]]; then
            name=$w value=''
            if [[ $w == --*=* ]]; then
                name=${w%%=*} value=${w#*=}
            elif [[ $w == -[!-]?* ]]; then
                name=${w:0:2} value=${w:2}
            fi
            if [[ " $vopts " == *" $name "* && -z $value && $w != *= ]]; then
                if ((i + 1 == cword)); then
                    valopt=$name
                    break
                fi
                value=${words[++i]}
            fi
            [[ $name == -C ]] && dir=$(_hd__dequote_dir "$value")
            _hd__mark_used "$name"
        elif [[ -z $cmd ]]; then
            cmd=$w
            _hd__options "$cmd"
        elif [[ $cmd == templates && $npos == 0 && $w == show ]]; then
            # hd templates show: its own options, and NAME [ID] after it.
            cmd=templates-show
            _hd__options "$cmd"
        else
            ((npos++))
            # A ticket named on the line: no --stale for close, no --due for
            # followup.
            case $cmd in
            close) excluded+=' --stale --sync --remote --tries ' ;;
            followup) excluded+=' --due ' ;;
            receive) excluded+=' --maildir --mbox ' ;;
            esac
        fi
    done

    # The current word is itself --opt=VALUE: complete VALUE. Whether bash
    # replaces only VALUE depends on '=' being a word break.
    local prefix=''
    if [[ -z $valopt && -z $endopts && $cur == --?*=* ]]; then
        valopt=${cur%%=*}
        [[ " $vopts " == *" $valopt "* ]] || return 0
        [[ ${COMP_WORDBREAKS-} == *=* ]] || prefix=$valopt=
        cur=${cur#*=}
    fi

    if [[ -n $valopt ]]; then
        case $valopt in
        -C | --maildir) _hd__files -d ;;
        -F | --file | --mbox) _hd__files ;;
        --audience) _hd__values 'end-user client' "$prefix" ;;
        -p | --priority) _hd__values 'low normal high urgent' "$prefix" ;;
        -s | --status) _hd__values 'new open waiting escalated closed' "$prefix" ;;
        -r | --resolution)
            _hd__values 'solved workaround wont-fix duplicate no-response spam unsubscribe' "$prefix"
            ;;
        --of) _hd__ids "$prefix" ;;
        --waiting-on) _hd__values 'us requester engineering nobody' "$prefix" ;;
        -f | --format)
            _hd__values 'text json csv markdown junit github codequality html' "$prefix"
            ;;
        --fail-on) _hd__values 'breach at-risk' "$prefix" ;;
        --by) _hd__values 'priority agent audience' "$prefix" ;;
        --remote) _hd__remotes "$prefix" ;;
        esac
        # Free text (--title, -m, --from, --at, --template, --since,
        # --agent, --limit, --weeks, --tries, --marker-size, ...): nothing to offer.
        return 0
    fi

    # hd --version takes --json, and no command after it.
    if [[ -z $cmd && $used == *" --version "* ]]; then
        [[ $used != *" --json "* && $cur == -* ]] && COMPREPLY=($(compgen -W '--json' -- "$cur"))
        return 0
    fi

    # The options still worth offering.
    local o candidates=''
    for o in $opts; do
        if [[ $used == *" $o "* ]] && ! _hd__repeatable "$o"; then
            continue
        fi
        [[ $excluded == *" $o "* ]] && continue
        candidates+=" $o"
    done

    if [[ -z $endopts && $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
        return 0
    fi
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W 'init new note restate receive reply followup close escalate reopen next assign unassign set snooze search templates report show list check recover sync merge-driver' -- "$cur"))
        return 0
    fi
    case $cmd in
    note | show | restate | receive | reply | escalate | reopen | close)
        # close --stale (and so --sync) finds its tickets itself, and
        # receive --maildir and --mbox take no ticket.
        if ((npos == 0)) && [[ $used != *" --stale "* && $used != *" --sync "* && -z $noid ]]; then
            _hd__ids
            return 0
        fi
        # restate's second argument is the summary itself: free text.
        [[ $cmd == restate ]] && ((npos == 1)) && return 0
        ;;
    followup)
        # Any number of tickets, unless --due chooses them.
        if [[ $used != *" --due "* ]]; then
            _hd__ids
            return 0
        fi
        ;;
    assign | unassign | set | snooze)
        # Any number of tickets.
        _hd__ids
        return 0
        ;;
    search)
        # The text to look for: free text.
        ((npos == 0)) && return 0
        ;;
    templates)
        if ((npos == 0)); then
            COMPREPLY=($(compgen -W 'show' -- "$cur"))
            return 0
        fi
        ;;
    templates-show)
        # NAME (free text: the desk may have templates of its own), then
        # the ticket to fill it in for.
        ((npos == 0)) && return 0
        if ((npos == 1)); then
            _hd__ids
            return 0
        fi
        ;;
    sync)
        # One remote: a name (or a path or URL, typed in full). With no
        # remote to offer, the options below.
        if ((npos == 0)); then
            _hd__remotes
            ((${#COMPREPLY[@]} > 0)) && return 0
            [[ -n $cur ]] && return 0
        fi
        ;;
    merge-driver)
        # BASE OURS THEIRS [PATH]: files.
        if ((npos < 4)); then
            _hd__files
            return 0
        fi
        ;;
    esac
    # Nothing positional to offer: show the long options instead.
    if [[ -z $endopts && -z $cur ]]; then
        COMPREPLY=($(compgen -W "$candidates" -X '-[!-]*' -- "$cur"))
    fi
    return 0
}

complete -F _hd hd
