#!/usr/bin/env bash
# Coverage-guided fuzzing of every target in fuzz/ (cargo fuzz, libFuzzer, stable Rust with
# `-s none`), each seeded with the team's own example text and a small compiled gazetteer.
# Prints one Markdown row per target: commit, seconds, executions, coverage, corpus size, and
# whether it found anything (a crash is saved under fuzz/artifacts/TARGET/; exit status 1).
#
# Usage: bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   needs: cargo install cargo-fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pipeline batch_jsonl batch_csv geocode_csv gazetteer_file)
corpus=fuzz/corpus
log=fuzz/logs
mkdir -p "$log"

seed() { # TARGET NAME CONTENT
  mkdir -p "$corpus/$1"
  printf '%s' "$3" > "$corpus/$1/seed-$2"
}
article=$(cat examples/euphrates-offensive.txt)
traps=$(cat tests/fixtures/articles/traps.txt)
for f in examples/euphrates-offensive.txt tests/fixtures/articles/*.txt; do
  mkdir -p "$corpus/pipeline"
  cp "$f" "$corpus/pipeline/seed-$(basename "$f")"
done
# Hashtags that run words together, with digits and non-ASCII capitals.
# Features and streets the gazetteer lacks, units by arm of service, names that speak.
seed pipeline features "Batteries on Folly Island fired; from Lake Opechee up the Snake River to Wichita Drive and County Road 35. Fort Vancouver, Wash. Ter. Colonel First Infantry California Volunteers. \"No,\" Slater said. Slater left."
# People named like places, Arabic names of kinship and article names, cars.
seed pipeline people "Russian President Vladimir Putin met Abu Bakr al-Baghdadi in Abu Shok. Putin said so. Mohammed bin Salman saw the Bab al-Hawa crossing and Bab el-Oued. Foreign Minister Karel Schwarzenberg, Colonel Dahlgren. Joseph Stalin; Stalin. A red Dodge Durango, a 1992 Toyota Corolla, Dodge City."
seed pipeline arabic "Turkish troops shelled Ras al-Ain and Tell al-Abyad; clashes near Ain Issa, Tal Rif'at, Maaret al-Numan, Wadi Barada and Bab al-Hawa. Suheil al-Hassan, who led them, spoke; al-Hassan left. Ma Ying-jeou met Ban Ki-moon and Wang Yi. Iranian Foreign Minister Javad Zarif; Syria President Bashar al-Assad. Helena, Ark., Weems."
# Arab towns by their sound, ampersands, a city's body, "X in northern Y", "-led".
seed pipeline spellings "Iraqi troops advanced near Hawija and Qayyara. In Kirkuk and Muqdadiya, police held men from Shirqat; Attack on Base. Dublin City Council met; Trinidad & Tobago, Johnson & Johnson. The US-led coalition struck Ras al-Ayn in north-eastern Syria; the envoy for Syria called."
# Short aliases corroborated by the country, apostrophes, hyphenated articles, diphthongs.
seed pipeline short "Forces fought in Qaim, near Azaz, Tanf and at the T4 airbase near Palmyra; Hawija fell. Flights from N'Djamena to L'Aquila; shelling hit A'zaz and Dara'a, O'Neill said. Troops entered Al-Sukhnah and retook Qaryatain near Sulaimaniyah and Tilkaif; a council in Shura met."
seed pipeline post "@WHO measles in nigeria and ohio, not in west africa; china jordan american takeo… http://t.co/japan #health"
seed pipeline hashtags "Vigils #PrayForGaza #1988IranMassacre #ÉvacuationDeGaza #NYCMarathon2014 #NoMore Haha, Obama said."
json_text() { python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))'; }
seed batch_jsonl article "{\"id\":\"a1\",\"text\":$(json_text <<< "$article"),\"source\":\"wire\"}
{\"id\":\"a2\",\"text\":$(json_text <<< "$traps")}
not json
{\"text\":5}
"
seed batch_jsonl gold "$(head -c 4000 tests/fixtures/eval/gold.jsonl)"
seed batch_csv articles "id,text,source
a1,\"Shelling hit Raqqa, Syria, on Monday.
Officials in Baghdad said\",wire
a2,Nothing happened in Springfield,
short
"
seed geocode_csv events "place,country,date
Aleppo,SY,2017-01-02
\"Springfield, IL\",,2017-01-03
Paris (Texas),US
Al Mawsil,IQ,2017-02-01,extra
northern Syria,,2017-03-01
the outskirts of Mosul,IQ,
Jammu & Kashmir,,
\"St. Louis County, Missouri\",US,
"
# A compiled gazetteer small enough to mutate: the test fixtures' six places.
cargo build --release --quiet
mkdir -p "$corpus/gazetteer_file"
target/release/geomention gazetteer build --force -o "$corpus/gazetteer_file/seed-mini.gmz" \
  --geonames tests/fixtures/gazetteer/mini-geonames.txt \
  --alternate-names tests/fixtures/gazetteer/mini-alternateNames.txt \
  --custom tests/fixtures/gazetteer/mini-custom.tsv 2> /dev/null

status=0
for t in "${targets[@]}"; do
  commit=$(git rev-parse --short HEAD)
  git diff --quiet HEAD -- src fuzz || commit="$commit (modified)"
  cargo fuzz build -s none -O "$t"
  # stderr of the program under test (its record-level reports) is closed: -close_fd_mask=2.
  if cargo fuzz run -s none -O "$t" "$corpus/$t" -- -max_total_time="$secs" -close_fd_mask=2 \
      -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 > "$log/$t.log" 2>&1; then
    verdict="no crash"
  else
    verdict="FOUND: see $log/$t.log and fuzz/artifacts/$t/"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log/$t.log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log/$t.log" | tail -1 || echo "cov: ?")
  files=$(find "$corpus/$t" -type f | wc -l)
  printf '| %s | %s | %s s | %s | %s | %s corpus files | %s |\n' "$t" "$commit" \
    "$secs" "$runs" "$cov" "$files" "$verdict"
done
exit $status
