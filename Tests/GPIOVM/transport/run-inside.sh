#!/bin/sh
# The GPIO transport on a real kernel GPIO chip (gpio-sim), inside the VM that scripts/gpio-vm boots.
# scripts/gpio-vm-test builds the static galvani and lays this folder out as /payload:
#   /payload/galvani, /payload/protocols/, /payload/boards/, /payload/sim-chip.sh, /payload/run-inside.sh
# Each check prints PASS or FAIL with what it saw; the exit status is the number of failures (0 = all passed).
set -u
cd /payload
export HOME=/tmp XDG_DATA_HOME=/tmp/data
failures=0
pass() { echo "gpio-vm: PASS: $*"; }
fail() { echo "gpio-vm: FAIL: $*"; failures=$((failures + 1)); }

. ./sim-chip.sh
wait_enabled() { # up to 30 s for ENABLE (line 0) to go on
  n=0
  while [ "$(value 0)" != 1 ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
  [ "$(value 0)" = 1 ]
}

# Under software emulation on a busy host a vCPU can stall for tens of milliseconds, so a phase now and then
# outlasts the board's stretch tolerance and the session ends, rightly, with that alarm. That is the transport
# failing safe, not the behaviour a check is about: such a run is reported and tried again, up to five times in all.
attempts=5
stretched_by_jitter() { grep -q 'a phase on channel [12] lasted [0-9.]* ms instead' "$1"; }

echo "gpio-vm: chip $sysdir with $count lines"
./galvani devices 2>&1 | sed 's/^/gpio-vm: devices: /'
if ./galvani devices 2>/dev/null | grep -q 'line 2: "ch1-anode", free'; then pass "galvani devices lists the chip's lines by name"
else fail "galvani devices does not list ch1-anode as free"; fi

# 1. A short conventional TENS session plays to its end; the lines are sampled while it runs.
sed 's/duration = "20 min"/duration = "6 s"/; s/id = "tens-conventional"/id = "tens-short"/' protocols/tens-conventional.toml >/tmp/tens-short.toml
attempt=1
while :; do
  ./galvani run /tmp/tens-short.toml --transport gpio:boards/gpio-sim.toml --headless --no-contraindications --no-records \
    --amplitude 1=20mA --amplitude 2=20mA >/tmp/short.jsonl 2>/tmp/short.err &
  pid=$!
  # debugfs reports every requested line in one read, so a sample is one moment (sysfs would be one file per line,
  # milliseconds apart under emulation, and could show one leg on and the next one already on).
  : >/tmp/raw
  while kill -0 $pid 2>/dev/null; do cat /sys/kernel/debug/gpio >>/tmp/raw; echo "--" >>/tmp/raw; usleep 2000; done
  wait $pid
  status=$?
  tail -c 600 /tmp/short.jsonl | sed 's/^/gpio-vm: short: /'
  stretched_by_jitter /tmp/short.jsonl && [ $attempt -lt $attempts ] || break
  echo "gpio-vm: attempt $attempt ended on an emulation stall (a stretched phase); trying again"
  [ "$(all_values)" = $all_off ] || fail "lines after the stalled attempt $attempt: $(all_values)"
  attempt=$((attempt + 1))
done
if [ $status = 0 ] && grep -q '"end":"finished"' /tmp/short.jsonl; then pass "a 6 s session on the chip finished (exit 0, attempt $attempt)"
else fail "the 6 s session ended with status $status: $(tail -c 300 /tmp/short.err)"; fi
awk -v names="$names" '
  function reset() { for (i = 1; i <= n; i++) v[i] = 0 }
  BEGIN { n = split(names, order, " "); for (i = 1; i <= n; i++) at[order[i]] = i; reset() }
  /^--$/ { s = ""; for (i = 1; i <= n; i++) s = s v[i]; print s; reset(); next }
  /\(/ { name = $0; sub(/^[^(]*\(/, "", name); sub(/\|.*/, "", name); gsub(/ /, "", name)
         if (name in at) v[at[name]] = ($0 ~ / hi/) ? 1 : 0 }' /tmp/raw >/tmp/samples
samples=$(wc -l </tmp/samples)
echo "gpio-vm: debugfs lines with a leg high: $(grep -c 'anode.* hi\|cathode.* hi' /tmp/raw); one sample:"
awk '/^--$/ { exit } { print "gpio-vm:   " $0 }' /tmp/raw
# Columns (1-based): 1 ENABLE, 2 HEARTBEAT, 3 and 4 channel 1's legs, 9 and 10 channel 2's.
count_samples() { awk "$1 { n++ } END { print n + 0 }" /tmp/samples; }
leg='(substr($0,3,1)=="1" || substr($0,4,1)=="1" || substr($0,9,1)=="1" || substr($0,10,1)=="1")'
enabled=$(count_samples 'substr($0,1,1)=="1"')
legs_on=$(count_samples "$leg")
both_legs=$(count_samples '(substr($0,3,2)=="11" || substr($0,9,2)=="11")')
leg_without_enable=$(count_samples "substr(\$0,1,1)==\"0\" && $leg")
echo "gpio-vm: $samples samples, ENABLE on in $enabled, a leg on in $legs_on"
[ "$enabled" -gt 0 ] && pass "ENABLE went on while the session delivered" || fail "ENABLE never seen on in $samples samples"
[ "$legs_on" -gt 0 ] && pass "bridge legs switched ($legs_on samples with a leg on)" || fail "no leg seen on in $samples samples"
[ "$both_legs" = 0 ] && pass "never both legs of one bridge on at once" || fail "both legs of a bridge on in $both_legs samples"
[ "$leg_without_enable" = 0 ] && pass "no leg on while ENABLE was off" || fail "a leg on without ENABLE in $leg_without_enable samples"
[ "$(all_values)" = $all_off ] && pass "every line off after the session" || fail "lines after the session: $(all_values)"

# 2. The bundled protocol by id, as a user runs it; interrupted (the operator's stop), everything goes off.
attempt=1
while :; do
  ./galvani run tens-conventional --transport gpio:boards/gpio-sim.toml --headless --no-contraindications --no-records \
    --amplitude 1=20mA >/tmp/conv.jsonl 2>/tmp/conv.err &
  pid=$!
  if ! wait_enabled; then
    fail "tens-conventional never enabled the stage: $(tail -c 400 /tmp/conv.jsonl) $(tail -c 300 /tmp/conv.err)"
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    break
  fi
  sleep 2
  kill -INT $pid 2>/dev/null
  wait $pid
  status=$?
  after=$(all_values)
  if [ $status != 2 ] && stretched_by_jitter /tmp/conv.jsonl && [ $attempt -lt $attempts ]; then
    echo "gpio-vm: attempt $attempt ended on an emulation stall before SIGINT; trying again"
    [ "$after" = $all_off ] || fail "lines after the stalled attempt $attempt: $after"
    attempt=$((attempt + 1))
    continue
  fi
  [ $status = 2 ] && pass "galvani run tens-conventional played and stopped on SIGINT (exit 2, attempt $attempt)" || fail "SIGINT: exit $status: $(tail -c 300 /tmp/conv.jsonl) $(tail -c 300 /tmp/conv.err)"
  [ "$after" = $all_off ] && pass "STOP leaves every leg, code and ENABLE off" || fail "lines after STOP: $after"
  break
done

# 3. Killed while delivering: the kernel releases the lines and the pulls turn the stage off.
./galvani run tens-conventional --transport gpio:boards/gpio-sim.toml --headless --no-contraindications --no-records \
  --amplitude 1=20mA >/dev/null 2>&1 &
pid=$!
if wait_enabled; then
  sleep 1
  kill -KILL $pid
  wait $pid 2>/dev/null
  sleep 0.2
  after=$(all_values)
  [ "$after" = $all_off ] && pass "SIGKILL while delivering: every line reads off (pull-down)" || fail "lines after SIGKILL: $after"
else
  fail "the session to be killed never enabled the stage"
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
fi

# 4. A line another process holds: refused with who holds it.
./galvani run tens-conventional --transport gpio:boards/gpio-sim.toml --headless --no-contraindications --no-records \
  >/dev/null 2>&1 &
holder=$!
if wait_enabled; then
  ./galvani run tens-conventional --transport gpio:boards/gpio-sim.toml --headless --no-contraindications --no-records \
    >/tmp/busy.jsonl 2>&1
  status=$?
  if grep -q "busy: held by consumer 'galvani:gpio-sim test stage'" /tmp/busy.jsonl; then pass "a held line is refused naming its holder (exit $status)"
  else fail "second claim: exit $status: $(tail -c 500 /tmp/busy.jsonl)"; fi
else
  fail "the holding session never enabled the stage"
fi
kill -INT $holder; wait $holder

# 5. A board naming a line the chip does not have.
sed 's/"ch2-dac3"/"ch2-dac9"/' boards/gpio-sim.toml >/tmp/missing.toml
./galvani run tens-conventional --transport gpio:/tmp/missing.toml --headless --no-contraindications --no-records >/tmp/missing.jsonl 2>&1
status=$?
if grep -q 'line \\"ch2-dac9\\" found on one GPIO chip' /tmp/missing.jsonl; then pass "a missing line is named (exit $status)"
else fail "missing line: exit $status: $(tail -c 500 /tmp/missing.jsonl)"; fi

# 6. Interferential on GPIO: refused before any output, with the reason.
./galvani run ifc-premodulated --transport gpio:boards/gpio-sim.toml --headless --no-contraindications --no-records >/tmp/ifc.jsonl 2>&1
status=$?
if grep -q 'cannot produce sine-carrier pulses, which ifc-premodulated needs: GPIO lines switch an H-bridge' /tmp/ifc.jsonl \
   && [ "$(all_values)" = $all_off ]; then pass "IFC refused before any output (exit $status)"
else fail "IFC: exit $status, lines $(all_values): $(tail -c 500 /tmp/ifc.jsonl)"; fi

# 7. A phase stretched by a stalled process: microcurrent's square wave always has a phase open, so stopping the
# whole process for a second stretches one far past the board's 50 ms, and the session ends saying so.
attempt=1
while :; do
  ./galvani run microcurrent-pain-recovery --transport gpio:boards/gpio-sim.toml --headless --no-contraindications --no-records \
    --amplitude 1=500uA >/tmp/stretch.jsonl 2>/tmp/stretch.err &
  pid=$!
  if ! wait_enabled; then
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    if stretched_by_jitter /tmp/stretch.jsonl && [ $attempt -lt $attempts ]; then
      echo "gpio-vm: attempt $attempt ended on an emulation stall before the stage was seen on; trying again"
      attempt=$((attempt + 1))
      continue
    fi
    fail "the microcurrent session never enabled the stage: $(tail -c 400 /tmp/stretch.jsonl)"
    break
  fi
  sleep 1
  kill -STOP $pid; sleep 1; kill -CONT $pid
  n=0; while kill -0 $pid 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
  kill -0 $pid 2>/dev/null && { kill -INT $pid; sleep 1; }
  wait $pid
  status=$?
  after=$(all_values)
  # The phase the stop held open lasted about a second: "lasted 1.0… s" (a phase stretched by jitter alone says ms,
  # and then it ended the session before the stop could).
  if grep -q 'a phase on channel [12] lasted [0-9.]* s instead' /tmp/stretch.jsonl && [ $status = 3 ] && [ "$after" = $all_off ]; then
    pass "a stretched phase ended the session with an alarm (exit 3, attempt $attempt): $(grep -o 'a phase on channel [^"]*' /tmp/stretch.jsonl | head -1)"
  elif stretched_by_jitter /tmp/stretch.jsonl && [ "$after" = $all_off ] && [ $attempt -lt $attempts ]; then
    echo "gpio-vm: attempt $attempt ended on an emulation stall before the process was stopped; trying again"
    attempt=$((attempt + 1))
    continue
  else
    fail "stretch: exit $status, lines $after: $(grep -o '"reason":"[^"]*"' /tmp/stretch.jsonl | tail -1) $(tail -c 300 /tmp/stretch.err)"
  fi
  break
done

echo "gpio-vm: $failures check(s) failed"
exit $failures
