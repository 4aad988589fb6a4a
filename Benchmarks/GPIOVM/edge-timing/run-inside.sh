#!/bin/sh
# Edge lateness and phase stretch of the GPIO output thread on a real kernel chip (gpio-sim) in the VM:
# about 60 and about 1000 edges a second, with SCHED_FIFO (root) and without (an ordinary user), idle and
# with two busy loops loading both vCPUs. Each run is a 20 s session; its summary's edge_timing is printed.
#   scripts/gpio-vm-test Benchmarks/GPIOVM/edge-timing
set -u
cd /payload
export HOME=/tmp XDG_DATA_HOME=/tmp/data
. ./sim-chip.sh
chmod 666 /dev/gpiochip*
echo 'nobody:x:65534:65534:nobody:/tmp:/bin/sh' >>/etc/passwd
chmod 755 /payload /payload/galvani
chmod -R a+rX /payload/protocols /payload/boards

# 5 Hz acupuncture-like TENS (its highest) on two channels: 5 × 2 pulses × 6 edges = 60 edges/s;
# 83 Hz conventional TENS: about 1000 edges/s.
sed 's/duration = "[0-9]* min"/duration = "20 s"/; s/frequency = "2 Hz"/frequency = "5 Hz"/' protocols/tens-acupuncture-like.toml >/tmp/bench-5.toml
sed 's/duration = "20 min"/duration = "20 s"/; s/frequency = "100 Hz"/frequency = "83 Hz"/' protocols/tens-conventional.toml >/tmp/bench-83.toml
# The test board's tolerance is already the most a board may declare (50 ms), so a late edge is measured rather
# than ending the run unless the emulator stalls longer than that; a run so ended says so in its line.
cp boards/gpio-sim.toml /tmp/bench-board.toml
chmod 644 /tmp/bench-*.toml /tmp/bench-board.toml

run() { # rate user load
  loaders=""
  if [ "$3" = loaded ]; then
    for _ in 1 2; do (while :; do :; done) & loaders="$loaders $!"; done
  fi
  command="./galvani run /tmp/bench-$1.toml --transport gpio:/tmp/bench-board.toml --headless --no-contraindications --no-records --amplitude 1=10mA --amplitude 2=10mA"
  if [ "$2" = root ]; then sh -c "$command" >/tmp/out.jsonl 2>/dev/null
  else su -s /bin/sh nobody -c "$command" >/tmp/out.jsonl 2>/dev/null; fi
  status=$?
  for pid in $loaders; do kill $pid; done
  timing=$(tail -1 /tmp/out.jsonl | sed -n 's/.*"edge_timing":\({"late":{[^}]*},"skipped_pulses":[0-9]*,"stretch":{[^}]*}}\).*/\1/p')
  end=$(tail -1 /tmp/out.jsonl | grep -o '"reason":"[^"]*"')
  refused=$(grep -c 'real-time scheduling refused' /tmp/out.jsonl)
  echo "edge-timing: rate=${1}Hz user=$2 load=$3 exit=$status fifo_refused=$refused $end $timing"
}

for rate in 5 83; do
  for user in root nobody; do
    for load in idle loaded; do run $rate $user $load; done
  done
done
exit 0
