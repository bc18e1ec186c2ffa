# Debian's chromium, the real browser the tests drive (chromedp): the
# visualizer's page and the sign-in through an identity provider's own login
# form. Sourced by stack.sh; installed with apt like PostgreSQL.

ensure_chromium() {
	command -v chromium >/dev/null && return 0
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		say "installing chromium with apt (the browser tests drive it)"
		apt-get update -qq >>"$LOGS/chromium.log" 2>&1 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >>"$LOGS/chromium.log" 2>&1 ||
			die "apt-get install chromium failed; see $LOGS/chromium.log"
	else
		die "chromium is missing: install Debian's chromium (sudo apt-get install chromium) and run again"
	fi
}
