#!/bin/sh
# make-demo.sh MEIBO DB — a demo database with one account per role and synthetic members.
# The passwords are random, kept beside the database (mode 600) and printed.
set -eu
meibo=$1 db=$2
dir=$(dirname "$db")
members=${DEMO_MEMBERS:-5000}
mkdir -p "$dir"
chmod 700 "$dir"
umask 077
if [ ! -s "$db" ]; then
    for role in chief manager clerk; do
        head -c 12 /dev/urandom | base64 | tr -d '/+=' | cut -c1-14 > "$dir/$role.pw"
    done
    "$meibo" --db "$db" init --pledge-on 2026-04-01 --chief chief --name "事務局長 (demo)" --password-file "$dir/chief.pw"
    "$meibo" --db "$db" --user chief --password-file "$dir/chief.pw" \
        user add --pledge-on 2026-04-01 manager --name "管理者 (demo)" --role manager --new-password-file "$dir/manager.pw"
    "$meibo" --db "$db" --user chief --password-file "$dir/chief.pw" \
        user add --pledge-on 2026-04-01 clerk --name "従事者 (demo)" --role clerk --new-password-file "$dir/clerk.pw"
    "$meibo" --db "$db" --user chief --password-file "$dir/chief.pw" \
        demo --members "$members" --seed 1
fi
# the demo's settings (issue 14): letters need the society's name and contact, and go to an
# outbox of their own when no printer is named
conf="$dir/meibo.conf"
if [ ! -s "$conf" ]; then
    mkdir -p "$dir/outbox"
    chmod 700 "$dir/outbox"
    {
        echo "# meibo.conf of the demo (make run); see meibo.conf(5)"
        echo "society_name = 一般社団法人 日本架空医学会 (デモ)"
        echo "secretariat_contact = 〒100-0001 東京都千代田区架空町1-1 | 日本架空医学会 事務局 | TEL 03-0000-0000"
        echo "outbox = $(cd "$dir" && pwd)/outbox"
    } > "$conf"
fi
echo
echo "demo database: $db"
echo "demo settings: $conf (letters not printed go to $dir/outbox/)"
for role in chief manager clerk; do
    printf '  %-8s login %-8s password %s   (file %s)\n' "$role" "$role" "$(cat "$dir/$role.pw")" "$dir/$role.pw"
done
echo "try:  ./meibo --config $conf --db $db --user clerk --password-file $dir/clerk.pw search 高橋"
echo
