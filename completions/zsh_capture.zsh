# Run as: zsh -f zsh_capture.zsh COMPLETION_DIR LINE
# Prints, one a line, the matches zsh's completion system offers when TAB is
# pressed at the end of LINE, with _hd loaded from COMPLETION_DIR. It drives a
# real interactive zsh through a pseudo-terminal and records what reaches
# compadd, so the matches are those the user would see.
zmodload zsh/zpty || exit 77
emulate -L zsh
setopt no_unset

local compdir=${1:A} line=$2
local work=$(mktemp -d "${TMPDIR:-/tmp}/hd-zsh.XXXXXX")

cat >$work/setup.zsh <<EOF
PROMPT='hd-ready> ' RPROMPT=''
unsetopt zle_bracketed_paste 2>/dev/null
fpath=(${(q)compdir} \$fpath)
autoload -Uz compinit && compinit -u -D
# TAB completes, then says it has finished.
_hd_capture_tab() { zle complete-word; : >${(q)work}/done }
zle -N _hd_capture_tab
bindkey '^I' _hd_capture_tab
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' list-prompt ''
zstyle ':completion:*' menu no
# Record what each compadd call would add (after matching), then add it.
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then
    builtin compadd "\$@"
    return
  fi
  local -a __hd_hits
  builtin compadd -A __hd_hits "\$@"
  local -a __hd_pre __hd_hpre
  zparseopts -E -a __hd_ignored P:=__hd_pre p:=__hd_hpre
  local h
  for h in \$__hd_hits; do
    print -r -- "\$IPREFIX\${__hd_pre[2]-}\${__hd_hpre[2]-}\$h" >>${(q)work}/matches
  done
  builtin compadd "\$@"
}
: >${(q)work}/ready
EOF
: >$work/matches

# wait_for FILE [TEXT]: waits up to ten seconds for FILE to exist and, if
# given, for TEXT to have been printed (the prompt: the line editor is ready).
# Meanwhile it reads what the shell prints, lest it block on a full terminal.
local seen=''
wait_for() {
  local i chunk
  for i in {1..200}; do
    while zpty -r -t hdcomp chunk; do
      seen+=$chunk
      if [[ -n ${HD_ZSH_DEBUG-} ]]; then print -r -- "${(q+)chunk}"; fi
    done
    if [[ -e $1 && ( -z ${2-} || $seen == *$2* ) ]]; then
      return 0
    fi
    sleep 0.05
  done
  print -u2 "zsh_capture: timed out waiting for ${1:t} (line: $line)"
  return 1
}

cleanup() { zpty -d hdcomp 2>/dev/null; rm -rf $work }
zpty hdcomp 'exec zsh -f -i'
zpty -w hdcomp "source ${(q)work}/setup.zsh"
wait_for $work/ready 'hd-ready>' || { cleanup; exit 1 }
zpty -w -n hdcomp "$line"$'\t'
wait_for $work/done || { cleanup; exit 1 }
sort -u $work/matches
cleanup
