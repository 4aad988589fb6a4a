#!/bin/sh
# Smoke test for scripts/gpio-vm: runs inside the VM (busybox sh) and proves
# that gpio-sim gives a real /dev/gpiochip with named, pulled-down lines.
#   scripts/gpio-vm run Tests/GPIOVM/smoke
set -u

cfg=/sys/kernel/config/gpio-sim/chip0
failures=0

fail() {
  echo "smoke: FAIL: $*"
  failures=$((failures + 1))
}

mkdir "$cfg" "$cfg/bank0" || { echo "smoke: FAIL: cannot create $cfg/bank0 (is gpio-sim loaded?)"; exit 1; }
echo 8 >"$cfg/bank0/num_lines"
i=0
while [ $i -lt 8 ]; do
  mkdir "$cfg/bank0/line$i"
  echo "smoke$i" >"$cfg/bank0/line$i/name"
  i=$((i + 1))
done
echo 1 >"$cfg/live" || { echo "smoke: FAIL: could not set $cfg/live"; exit 1; }

dev_name=$(cat "$cfg/dev_name")
chip_name=$(cat "$cfg/bank0/chip_name")
echo "smoke: dev_name=$dev_name chip_name=$chip_name"

sysdir=/sys/devices/platform/$dev_name/$chip_name
[ -d "$sysdir" ] || fail "$sysdir does not exist"

i=0
while [ $i -lt 8 ]; do
  echo pull-down >"$sysdir/sim_gpio$i/pull" || fail "cannot set pull-down on line $i"
  i=$((i + 1))
done

[ -c /dev/gpiochip0 ] || fail "/dev/gpiochip0 is missing or not a character device"
[ "$(cat "$sysdir/sim_gpio0/pull")" = pull-down ] || fail "sim_gpio0/pull is not pull-down"
value=$(cat "$sysdir/sim_gpio0/value")
[ "$value" = 0 ] || fail "sim_gpio0/value is '$value', expected 0"

echo "smoke: /dev:"
ls -l /dev/gpiochip*
echo "smoke: $sysdir:"
ls "$sysdir"
if [ -r /sys/kernel/debug/gpio ]; then
  echo "smoke: /sys/kernel/debug/gpio:"
  cat /sys/kernel/debug/gpio
fi

if [ $failures -ne 0 ]; then
  echo "smoke: $failures check(s) failed"
  exit 1
fi
echo "smoke: OK"
exit 0
