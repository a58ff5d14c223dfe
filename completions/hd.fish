# fish completion for hd(1), the help desk in a git repository.
# Installed as share/fish/vendor_completions.d/hd.fish.

# hd's options that take a value; their value is never a subcommand or an ID.
set -g __hd_value_options -C --name --title --from --audience --priority --summary --tag \
    -m --message -F --file -s --status -p --waiting-on -t --requester --assignee --at --template \
    --maildir --mbox --grep --greet --zone \
    -r --resolution --explain --of --reason --to --next-steps \
    -f --format --fail-on --since --until --agent --limit -n --by --as-of --weeks \
    --remote --tries --marker-size

# Prints the subcommand on the command line (none yet: prints nothing, fails),
# then the positional arguments after it, one a line. Skips -C DIR and the
# values of other options, which __fish_use_subcommand would take for a
# subcommand.
function __hd_words
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    set -l found 1
    for t in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $t
            case '--*=*'
                continue
            case '-?*'
                # -C/tmp and -mtext carry their value; -C and -m take the next word.
                if contains -- $t $__hd_value_options
                    set skip 1
                end
                continue
        end
        echo $t
        set found 0
    end
    return $found
end

# True while no subcommand has been given.
function __hd_needs_command
    not __hd_words >/dev/null
end

# True if the subcommand is one of the arguments.
function __hd_using_command
    set -l words (__hd_words)
    or return 1
    contains -- $words[1] $argv
end

# True if the subcommand acts on a ticket and its ID is still to come:
# one ticket for most, any number for followup (unless --due), none for
# close --stale.
function __hd_needs_id
    set -l words (__hd_words)
    or return 1
    switch $words[1]
        case followup
            not __fish_seen_argument -l due
        case close
            test (count $words) -eq 1
            and not __fish_seen_argument -l stale -l sync -l remote -l tries
        case receive
            # --maildir and --mbox take no ticket.
            test (count $words) -eq 1
            and not __fish_seen_argument -l maildir -l mbox
        case note restate reply show escalate reopen
            test (count $words) -eq 1
        case assign unassign set snooze
            # Any number of tickets.
            return 0
        case templates
            # hd templates show NAME ID
            test (count $words) -eq 3; and test "$words[2]" = show
        case '*'
            return 1
    end
end

# True for hd templates show, once "show" is on the line.
function __hd_templates_show
    set -l words (__hd_words)
    or return 1
    test "$words[1]" = templates; and test "$words[2]" = show
end

# hd receive, with no mail option yet: a typed message may still come.
function __hd_receive_typed
    __hd_using_command receive
    and not __fish_seen_argument -l email -l maildir -l mbox -l json
end


# hd receive, with no typed message and no mail option but $argv[1] yet.
function __hd_receive_mail
    __hd_using_command receive
    or return 1
    set -l others email maildir mbox
    set -e others[(contains -i -- $argv[1] $others)]
    not __fish_seen_argument -s m -l message -s F -l file -l at -l backfill -l $others[1] -l $others[2]
end

# True if no ticket was named after the subcommand.
function __hd_no_ticket_yet
    test (count (__hd_words)) -eq 1
end

# The directory given with -C, if any, as hd would see it.
function __hd_dir
    set -l tokens (commandline -opc)
    set -l dir
    set -l next 0
    for t in $tokens[2..-1]
        if test $next -eq 1
            set dir $t
            set next 0
        else if test "$t" = -C
            set next 1
        else if string match -qr -- '^-C.' $t
            set dir (string sub -s 3 -- $t)
        end
    end
    if set -q dir[1]
        string replace -r -- '^~(?=/|$)' $HOME $dir
    end
end

# Ticket IDs, from the hd on the command line (when it can be run) or on PATH.
function __hd_ids
    set -l prog (commandline -opc)[1]
    string match -q -- '*/*' $prog; and test -x $prog; or set prog hd
    set -l dir (__hd_dir)
    if set -q dir[1]
        command $prog -C $dir __ids 2>/dev/null
    else
        command $prog __ids 2>/dev/null
    end
end

# The git remotes of the repository, for hd sync and --remote.
function __hd_remotes
    set -l dir (__hd_dir)
    if set -q dir[1]
        command git -C $dir remote 2>/dev/null
    else
        command git remote 2>/dev/null
    end
end

# The resolution kinds of hd close, with what each means.
function __hd_resolutions
    printf '%s\t%s\n' \
        solved 'The problem is fixed' \
        workaround 'The requester has a way around it' \
        wont-fix 'A decision not to change anything' \
        duplicate 'Handled in another ticket (--of)' \
        no-response 'The requester stopped answering' \
        spam 'Closes without a reply' \
        unsubscribe 'Closes without a reply'
end

# Values for the filters of list, search and next, which take comma-separated lists: completes
# the last item, leaving out those already named.
function __hd_list_values
    set -l token (commandline -ct)
    set token (string replace -r -- '^--[a-z-]+=' '' $token)
    set token (string replace -r -- '^-[sp](?=.)' '' $token)
    set -l prefix ''
    set -l chosen
    if string match -q -- '*,*' $token
        set prefix (string replace -r -- '[^,]*$' '' $token)
        set chosen (string split , -- $prefix)
    end
    for pair in $argv
        set -l value (string split -m1 \t -- $pair)[1]
        contains -- $value $chosen; or printf '%s%s\n' $prefix $pair
    end
end

complete -c hd -f

# hd itself
complete -c hd -n __hd_needs_command -s h -l help -d 'Print help and exit'
complete -c hd -n __hd_needs_command -l version -d 'Print the version and exit'
complete -c hd -n '__hd_needs_command; and __fish_seen_argument -l version; and not __fish_seen_argument -l json' -l json -d 'With --version: as JSON, with the libraries'
complete -c hd -n __hd_needs_command -s C -x -a '(__fish_complete_directories (commandline -ct))' -d 'Run as if started in DIR'
complete -c hd -n __hd_needs_command -a init -d 'Start a help desk here'
complete -c hd -n __hd_needs_command -a new -d 'Open a ticket; prints its ID'
complete -c hd -n __hd_needs_command -a note -d 'Add an internal note'
complete -c hd -n __hd_needs_command -a restate -d 'Record your restatement of the problem'
complete -c hd -n __hd_needs_command -a receive -d 'Record a message from the requester, typed or as mail'
complete -c hd -n __hd_needs_command -a reply -d 'Record a public reply to the requester'
complete -c hd -n __hd_needs_command -a followup -d 'List tickets due a follow-up, or send them'
complete -c hd -n __hd_needs_command -a close -d 'Close a ticket, or every stale one'
complete -c hd -n __hd_needs_command -a escalate -d 'Hand a ticket to engineering, with next steps'
complete -c hd -n __hd_needs_command -a reopen -d 'Reopen a closed ticket'
complete -c hd -n __hd_needs_command -a next -d 'The tickets to act on now, most pressing first'
complete -c hd -n __hd_needs_command -a assign -d 'Assign tickets to an agent or to yourself'
complete -c hd -n __hd_needs_command -a unassign -d 'Leave tickets with no assignee'
complete -c hd -n __hd_needs_command -a set -d 'Change priority, title, audience, tags, greeting, zone'
complete -c hd -n __hd_needs_command -a snooze -d 'Put tickets on hold until a time'
complete -c hd -n __hd_needs_command -a search -d 'Find tickets by any text they hold'
complete -c hd -n __hd_needs_command -a templates -d 'List the reply templates, or show one'
complete -c hd -n __hd_needs_command -a report -d 'SLA report: metrics, breaches, tickets at risk'
complete -c hd -n __hd_needs_command -a show -d 'Show a ticket and its conversation'
complete -c hd -n __hd_needs_command -a list -d 'List tickets'
complete -c hd -n __hd_needs_command -a check -d 'Validate hd.toml and every ticket'
complete -c hd -n __hd_needs_command -a recover -d 'Finish an interrupted hd action'
complete -c hd -n __hd_needs_command -a sync -d "Fetch, merge and push: bring in others' work, send yours"
complete -c hd -n __hd_needs_command -a merge-driver -d "Merge three versions of a ticket (git's merge driver)"

# Every subcommand
complete -c hd -n 'not __hd_needs_command' -s h -l help -d 'Print help and exit'

# hd init
complete -c hd -n '__hd_using_command init' -l name -x -d "The desk's name"

# hd new
complete -c hd -n '__hd_using_command new' -l title -x -d 'One line naming the problem'
complete -c hd -n '__hd_using_command new' -l from -x -d 'The requester, as "Name <email>"'
complete -c hd -n '__hd_using_command new' -l audience -x -a "end-user\t'A one-time requester' client\t'A long-term client'" -d 'Who the requester is'
complete -c hd -n '__hd_using_command new' -l priority -x -a 'low normal high urgent' -d 'How urgent (default normal)'
complete -c hd -n '__hd_using_command new' -l summary -x -d 'Your one-line restatement'
complete -c hd -n '__hd_using_command new' -l tag -x -d 'A tag (repeatable)'
complete -c hd -n '__hd_using_command new' -l greet -x -d 'The name to greet the requester by'
complete -c hd -n '__hd_using_command new' -l zone -x -d "The requester's time zone (IANA name)"

# Text for hd new, note, receive (typed, not with mail) and reply
complete -c hd -n '__hd_using_command new note reply; or __hd_receive_typed' -s m -l message -x -d 'Text (repeat for paragraphs)'
complete -c hd -n '__hd_using_command new note reply; or __hd_receive_typed' -s F -l file -r -F -d 'Read the text from FILE (- for stdin)'

# The ticket, for every subcommand that acts on one
complete -c hd -n __hd_needs_id -a '(__hd_ids)' -d Ticket

# hd receive: a typed message, or mail from one place
complete -c hd -n __hd_receive_typed -l at -x -d 'When it arrived, RFC 3339 (default: now)'

# --backfill: note, reply and a typed receive
complete -c hd -n '__hd_using_command note reply; or __hd_receive_typed' -l backfill -d 'Record it in its place in time if before the latest event'
# (An option's own condition also decides whether its value is completed, so
# --maildir and --mbox do not rule out themselves.)
complete -c hd -n '__hd_receive_mail maildir; and __hd_no_ticket_yet' -l maildir -x -a '(__fish_complete_directories (commandline -ct))' -d 'Take in every new message of a Maildir'
complete -c hd -n '__hd_receive_mail mbox; and __hd_no_ticket_yet' -l mbox -r -F -d 'Take in every message of an mbox file'
complete -c hd -n '__hd_receive_mail email' -l email -d 'Read one email (RFC 5322) from standard input'
complete -c hd -n '__hd_using_command receive; and not __fish_seen_argument -s m -l message -s F -l file -l at -l backfill' -l json -d 'With mail: print what became of each message as JSON'

# hd reply
complete -c hd -n '__hd_using_command reply' -l template -x -d 'Reply through this template'
complete -c hd -n '__hd_using_command reply' -l ask -d 'A clarifying question (waits on the requester)'
complete -c hd -n '__hd_using_command reply' -l dry-run -d 'Print the reply and the commit; write nothing'
complete -c hd -n '__hd_using_command reply; and not __fish_seen_argument -l strict' -l no-lint -d 'Skip the reply checks'
complete -c hd -n '__hd_using_command reply; and not __fish_seen_argument -l no-lint' -l strict -d 'Refuse the reply if a check finds anything'

# Text for hd followup, close, escalate and reopen: -m only
complete -c hd -n '__hd_using_command followup close escalate' -s m -l message -x -d 'Text for the message (repeat for paragraphs)'
complete -c hd -n '__hd_using_command reopen' -s m -l message -x -d 'Why it is reopened (internal)'

# hd followup
complete -c hd -n '__hd_using_command followup; and __hd_no_ticket_yet; and not __fish_seen_argument -l now' -l due -d 'Follow up every ticket due now'
complete -c hd -n '__hd_using_command followup; and not __fish_seen_argument -l due' -l now -d 'Send to the tickets named even when not due yet'
complete -c hd -n '__hd_using_command followup' -l each -d 'With -m and several tickets: the same text in each'
complete -c hd -n '__hd_using_command followup; and not __fish_seen_argument -l sync -l remote -l tries' -l dry-run -d 'Print what would be sent; write nothing'
complete -c hd -n '__hd_using_command followup' -l json -d 'Print JSON'

# --sync for followup and close (close: with --stale), never with --dry-run
complete -c hd -n '__hd_using_command followup; and not __fish_seen_argument -l dry-run' -l sync -d 'Pull before acting and push after'
complete -c hd -n '__hd_using_command followup; and not __fish_seen_argument -l dry-run' -l remote -x -a '(__hd_remotes)' -d 'With --sync: the remote to sync with'
complete -c hd -n '__hd_using_command followup; and not __fish_seen_argument -l dry-run' -l tries -x -d 'With --sync: push attempts (default 5)'

# hd close
complete -c hd -n '__hd_using_command close; and not __fish_seen_argument -l stale -l sync -l remote -l tries' -s r -l resolution -x -a '(__hd_resolutions)' -d 'How the ticket ended'
complete -c hd -n '__hd_using_command close' -l explain -x -d 'Why it ends so, and what the requester can do'
complete -c hd -n '__hd_using_command close; and not __fish_seen_argument -l stale -l sync -l remote -l tries' -l of -x -a '(__hd_ids)' -d 'With duplicate: the ticket it repeats'
complete -c hd -n '__hd_using_command close; and not __fish_seen_argument -l stale -l sync -l remote -l tries' -l force -d 'Override a rule of the practice (needs --reason)'
complete -c hd -n '__hd_using_command close; and not __fish_seen_argument -l stale -l sync -l remote -l tries' -l reason -x -d 'Why the rule is overridden (recorded)'
complete -c hd -n '__hd_using_command close; and __hd_no_ticket_yet; and not __fish_seen_argument -s r -l resolution -l of -l force -l reason' -l stale -d 'Close every ticket whose follow-ups went unanswered'
complete -c hd -n '__hd_using_command close; and not __fish_seen_argument -l sync -l remote -l tries' -l dry-run -d 'Print what would happen; write nothing'
complete -c hd -n '__hd_using_command close; and __hd_no_ticket_yet; and not __fish_seen_argument -s r -l resolution -l of -l force -l reason -l dry-run' -l sync -d 'With --stale: pull before closing and push after'
complete -c hd -n '__hd_using_command close; and __hd_no_ticket_yet; and not __fish_seen_argument -s r -l resolution -l of -l force -l reason -l dry-run' -l remote -x -a '(__hd_remotes)' -d 'With --sync: the remote to sync with'
complete -c hd -n '__hd_using_command close; and __hd_no_ticket_yet; and not __fish_seen_argument -s r -l resolution -l of -l force -l reason -l dry-run' -l tries -x -d 'With --sync: push attempts (default 5)'

# Mail out for reply, followup, close and escalate: --send goes with neither
# --no-send nor --print-email
complete -c hd -n '__hd_using_command reply followup close escalate; and not __fish_seen_argument -l no-send -l print-email' -l send -d 'Send it to the requester as mail'
complete -c hd -n '__hd_using_command reply followup close escalate; and not __fish_seen_argument -l send' -l no-send -d 'Record it only, even when [mail] send = true'
complete -c hd -n '__hd_using_command reply followup close escalate; and not __fish_seen_argument -l send' -l print-email -d 'Record it and print the mail instead of sending it'

# hd escalate
complete -c hd -n '__hd_using_command escalate' -l to -x -d 'The engineering reference: issue key or URL'
complete -c hd -n '__hd_using_command escalate' -l next-steps -x -d 'What happens next, as told to the requester'
complete -c hd -n '__hd_using_command escalate' -l dry-run -d 'Print the message and the commit; write nothing'

# hd show
complete -c hd -n '__hd_using_command show' -l json -d 'Print JSON'

# hd list
complete -c hd -n '__hd_using_command list' -s s -l status -x -a '(__hd_list_values new open waiting escalated closed)' -d 'Only tickets in these states'
complete -c hd -n '__hd_using_command list' -s p -l priority -x -a '(__hd_list_values low normal high urgent)' -d 'Only tickets of these priorities'
complete -c hd -n '__hd_using_command list' -l audience -x -a "(__hd_list_values end-user\t'A one-time requester' client\t'A long-term client')" -d 'Only tickets of this audience'
complete -c hd -n '__hd_using_command list' -l waiting-on -x -a '(__hd_list_values us requester engineering nobody)' -d 'Only tickets waiting on these'
complete -c hd -n '__hd_using_command list' -s t -l tag -x -d 'Only tickets with this tag'
complete -c hd -n '__hd_using_command list' -l requester -x -d "Part of the requester's name or email"
complete -c hd -n '__hd_using_command list' -s a -l all -d 'Include closed tickets'
complete -c hd -n '__hd_using_command list' -l grep -x -d 'Only tickets holding this text, as hd search'
complete -c hd -n '__hd_using_command list search; and not __fish_seen_argument -l ids' -l json -d 'Print a JSON array'
complete -c hd -n '__hd_using_command list search; and not __fish_seen_argument -l json' -l ids -d 'Print only full IDs'

# hd search: the filters of list, and at most N tickets
complete -c hd -n '__hd_using_command search' -s s -l status -x -a '(__hd_list_values new open waiting escalated closed)' -d 'Only tickets in these states'
complete -c hd -n '__hd_using_command search' -s p -l priority -x -a '(__hd_list_values low normal high urgent)' -d 'Only tickets of these priorities'
complete -c hd -n '__hd_using_command search' -l audience -x -a "(__hd_list_values end-user\t'A one-time requester' client\t'A long-term client')" -d 'Only tickets of this audience'
complete -c hd -n '__hd_using_command search' -l waiting-on -x -a '(__hd_list_values us requester engineering nobody)' -d 'Only tickets waiting on these'
complete -c hd -n '__hd_using_command search' -s t -l tag -x -d 'Only tickets with this tag'
complete -c hd -n '__hd_using_command search' -l requester -x -d "Part of the requester's name or email"
complete -c hd -n '__hd_using_command search' -l limit -x -d 'List at most N tickets'

# Whose tickets, for list, search and next: --mine, --assignee and
# --unassigned exclude each other
complete -c hd -n '__hd_using_command list search next; and not __fish_seen_argument -l assignee -l unassigned' -l mine -d 'Only tickets assigned to me'
complete -c hd -n '__hd_using_command list search next; and not __fish_seen_argument -l mine -l unassigned' -l assignee -x -d "Part of the assignee's name or email"
complete -c hd -n '__hd_using_command list search next; and not __fish_seen_argument -l mine -l assignee' -l unassigned -d 'Only tickets nobody is assigned to'

# hd next: the filters of list but status and waiting-on
complete -c hd -n '__hd_using_command next' -s p -l priority -x -a '(__hd_list_values low normal high urgent)' -d 'Only tickets of these priorities'
complete -c hd -n '__hd_using_command next' -l audience -x -a "(__hd_list_values end-user\t'A one-time requester' client\t'A long-term client')" -d 'Only tickets of this audience'
complete -c hd -n '__hd_using_command next' -s t -l tag -x -d 'Only tickets with this tag'
complete -c hd -n '__hd_using_command next' -l requester -x -d "Part of the requester's name or email"
complete -c hd -n '__hd_using_command next' -s a -l all -d 'Also what needs nothing now, and tickets on hold'
complete -c hd -n '__hd_using_command next' -s n -l limit -x -d 'List at most N tickets'
complete -c hd -n '__hd_using_command next' -l json -d 'Print a JSON array'

# hd assign and unassign
complete -c hd -n '__hd_using_command assign; and not __fish_seen_argument -l me' -l to -x -d 'The agent, as "Name <email>"'
complete -c hd -n '__hd_using_command assign; and not __fish_seen_argument -l to' -l me -d 'Assign them to yourself'
complete -c hd -n '__hd_using_command assign unassign' -l dry-run -d 'Print what would change; write nothing'
complete -c hd -n '__hd_using_command assign unassign' -l json -d 'Print the result as JSON'

# hd set
complete -c hd -n '__hd_using_command set' -s p -l priority -x -a 'low normal high urgent' -d 'The new priority'
complete -c hd -n '__hd_using_command set' -l title -x -d 'The new title'
complete -c hd -n '__hd_using_command set' -l audience -x -a "end-user\t'A one-time requester' client\t'A long-term client'" -d 'The new audience'
complete -c hd -n '__hd_using_command set' -s t -l tag -x -d '+TAG or TAG adds, -TAG removes (repeatable)'
complete -c hd -n '__hd_using_command set' -l greet -x -d 'The name to greet the requester by ("" clears)'
complete -c hd -n '__hd_using_command set' -l zone -x -d "The requester's time zone, IANA (\"\" clears)"
complete -c hd -n '__hd_using_command set' -l dry-run -d 'Print the events and the commit; write nothing'
complete -c hd -n '__hd_using_command set' -l json -d 'Print the result as JSON'

# hd snooze: --until or --clear, either with --reason
complete -c hd -n '__hd_using_command snooze; and not __fish_seen_argument -l clear' -l until -x -d 'When the hold ends: RFC 3339, YYYY-MM-DD or 3d'
complete -c hd -n '__hd_using_command snooze' -l reason -x -d 'Why the ticket waits (internal)'
complete -c hd -n '__hd_using_command snooze; and not __fish_seen_argument -l until' -l clear -d 'End the hold now'
complete -c hd -n '__hd_using_command snooze' -l dry-run -d 'Print the events and the commit; write nothing'
complete -c hd -n '__hd_using_command snooze' -l json -d 'Print the result as JSON'

# hd templates [show NAME [ID]]
complete -c hd -n '__hd_using_command templates; and __hd_no_ticket_yet' -a show -d 'Print a template, or fill it in for a ticket'
complete -c hd -n '__hd_using_command templates; and not __hd_templates_show' -l json -d 'Print the list as JSON'
complete -c hd -n __hd_templates_show -l audience -x -a "end-user\t'A one-time requester' client\t'A long-term client'" -d 'The variant to show'

# hd check
complete -c hd -n '__hd_using_command check' -l json -d 'Print the findings as JSON'

# hd report
complete -c hd -n '__hd_using_command report' -s f -l format -x -a "text\t'A table and the findings' json\t'The whole report (hd-report/1)' csv\t'One row per ticket' markdown\t'For a CI job summary' junit\t'JUnit XML' github\t'GitHub Actions annotations' codequality\t'GitLab Code Quality' html\t'A dashboard page with charts'" -d 'Output format'
complete -c hd -n '__hd_using_command report' -l check -d 'Exit 1 when an open clock is breached'
complete -c hd -n '__hd_using_command report' -l fail-on -x -a "breach\t'A breached clock' at-risk\t'A clock breached or at risk'" -d 'With --check: what makes it fail'
complete -c hd -n '__hd_using_command report' -l since -x -d 'Only tickets created at or after this date or time'
complete -c hd -n '__hd_using_command report' -l until -x -d 'Only tickets created before this date or time'
complete -c hd -n '__hd_using_command report' -s p -l priority -x -a 'low normal high urgent' -d 'Only this priority (repeatable)'
complete -c hd -n '__hd_using_command report' -l agent -x -d 'Only tickets of this agent'
complete -c hd -n '__hd_using_command report' -l limit -x -d 'List at most N findings (0: all)'
complete -c hd -n '__hd_using_command report' -l by -x -a 'priority agent audience' -d 'Group the metrics by'
complete -c hd -n '__hd_using_command report' -l as-of -x -d 'The report as it stood at this date or time'
complete -c hd -n '__hd_using_command report' -l weeks -x -d 'With --format html: weeks of trend'

# hd sync
complete -c hd -n '__hd_using_command sync; and __hd_no_ticket_yet' -a '(__hd_remotes)' -d Remote
complete -c hd -n '__hd_using_command sync' -l dry-run -d 'Fetch and say what would merge; change nothing'
complete -c hd -n '__hd_using_command sync' -l json -d 'Print what came in as JSON'
complete -c hd -n '__hd_using_command sync' -l tries -x -d 'Push attempts when others keep pushing first (default 5)'

# hd merge-driver: BASE OURS THEIRS [PATH]
complete -c hd -n '__hd_using_command merge-driver; and test (count (__hd_words)) -le 4' -F
complete -c hd -n '__hd_using_command merge-driver' -l marker-size -x -d "Length of the conflict markers (git's %L)"
