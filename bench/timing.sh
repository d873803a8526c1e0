# Sourced by bench scripts: wall time of a command, and the best of three (the machine is shared).
seconds() { # seconds COMMAND...: its wall time; its output and status are the command's business
  local s e
  s=$(date +%s.%N)
  "$@" || true
  e=$(date +%s.%N)
  echo "$s $e" | awk '{printf "%.3f", $2 - $1}'
}
best_of_three() { # best_of_three COMMAND...: the fastest of three runs
  local b=999999 t
  for _ in 1 2 3; do t=$(seconds "$@"); b=$(echo "$b $t" | awk '{print ($2 < $1) ? $2 : $1}'); done
  echo "$b"
}
