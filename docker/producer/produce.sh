#!/usr/bin/env bash
# The compose stack's feed producer: creates the topics, then writes three synthetic feeds to
# the `observations` topic forever, keyed by feed, as isowatch JSON records
# {"feed": ..., "time": epoch-ms, "value": ...}. Every feed changes regime now and then, and one
# record in 500 is malformed, so that alerts and the dead-letter panels show something soon.
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
TOPIC="${TOPIC:-observations}"
RATE="${RATE:-10}"            # observations per second per feed
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"

for topic in "$TOPIC" isowatch-alerts isowatch-dead-letters; do
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions 4 --replication-factor 1
done

# awk writes "key|json" lines; the console producer splits them at the first '|'.
awk -v rate="$RATE" '
  # Event time in epoch milliseconds: the wall-clock second (date +%s, read once a second) plus
  # the step within it, never repeating a time (a repeated time is rejected as a duplicate).
  function now_ms(i,   cmd, s, t) {
    if (i % rate == 0) { cmd = "date +%s"; cmd | getline s; close(cmd); second = s }
    t = second * 1000 + int((i % rate) * 1000 / rate)
    if (t <= last) { t = last + 1 }
    last = t
    return t
  }
  function gauss() { return sqrt(-2 * log(1 - rand())) * cos(6.283185307 * rand()) }
  BEGIN {
    srand(42)
    pause = 1 / rate
    for (i = 0; ; i++) {
      t = now_ms(i)
      minute = int(i / (60 * rate))
      # energy-load: daily-like cycle; its level jumps by 60% every 12th minute for 3 minutes
      level = (minute % 12 >= 9) ? 1.6 : 1.0
      energy = level * (500 + 120 * sin(i / (30 * rate))) + 15 * gauss()
      # cpu-usage: a noisy plateau whose noise grows fivefold every 10th minute for 2 minutes
      noise = (minute % 10 >= 8) ? 25 : 5
      cpu = 40 + 10 * sin(i / (7 * rate)) + noise * gauss()
      # price: a random walk whose step changes frequency every 15 minutes
      walk += ((minute % 15 >= 10) ? 3 : 1) * gauss()
      price = 100 + walk
      printf "energy-load|{\"feed\":\"energy-load\",\"time\":%.0f,\"value\":%.3f}\n", t, energy
      printf "cpu-usage|{\"feed\":\"cpu-usage\",\"time\":%.0f,\"value\":%.3f}\n", t, cpu
      printf "price|{\"feed\":\"price\",\"time\":%.0f,\"value\":%.4f}\n", t, price
      if (i % 500 == 499) {
        printf "price|{\"feed\":\"price\",\"time\":%.0f,\"value\":\"n/a\"}\n", t
      }
      fflush()
      system("sleep " pause)
    }
  }' | "$KAFKA_BIN/kafka-console-producer.sh" --bootstrap-server "$BOOTSTRAP" --topic "$TOPIC" \
        --property parse.key=true --property key.separator='|'
