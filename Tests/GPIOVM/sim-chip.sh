# Sourced by the payloads in the VM: a gpio-sim chip with the test board's lines (boards/gpio-sim.toml), every line
# pulled down as the board's resistors would, and `value N` / `all_values` to read them back through sysfs.
cfg=/sys/kernel/config/gpio-sim/chip0
names="galvani-enable galvani-heartbeat ch1-anode ch1-cathode ch1-dac0 ch1-dac1 ch1-dac2 ch1-dac3 ch2-anode ch2-cathode ch2-dac0 ch2-dac1 ch2-dac2 ch2-dac3"
count=$(echo $names | wc -w)
mkdir "$cfg" "$cfg/bank0" || { echo "gpio-vm: cannot create $cfg (is gpio-sim loaded?)"; exit 100; }
echo "$count" >"$cfg/bank0/num_lines"
i=0
for name in $names; do
  mkdir "$cfg/bank0/line$i"
  echo "$name" >"$cfg/bank0/line$i/name"
  i=$((i + 1))
done
echo 1 >"$cfg/live" || { echo "gpio-vm: cannot bring the chip live"; exit 100; }
sysdir=/sys/devices/platform/$(cat "$cfg/dev_name")/$(cat "$cfg/bank0/chip_name")
i=0
while [ $i -lt $count ]; do echo pull-down >"$sysdir/sim_gpio$i/pull"; i=$((i + 1)); done

value() { cat "$sysdir/sim_gpio$1/value"; }
all_values() { i=0; out=""; while [ $i -lt $count ]; do out="$out$(value $i)"; i=$((i + 1)); done; echo "$out"; }
all_off="00000000000000"
