# Mailpit: a real SMTP server that keeps every mail it accepts, with a web UI
# and an HTTP API the tests read mail back through. Built from the version
# infra/stack/mailpit/go.mod pins (its own module, so its dependencies never
# enter the services' build). Sourced by stack.sh.

MAILPIT_DATA="$DATA/mailpit"

mailpit_bin() {
	local version
	version=$(module_version "$HERE/mailpit/go.mod" github.com/axllent/mailpit)
	[ -n "$version" ] || die "no github.com/axllent/mailpit version in $HERE/mailpit/go.mod"
	printf '%s/mailpit-%s' "$BIN" "$version"
}

ensure_mailpit_bin() {
	local bin
	bin=$(mailpit_bin)
	[ -x "$bin" ] && return 0
	say "building mailpit ($(basename "$bin")); this takes a few minutes once"
	(cd "$HERE/mailpit" && GOWORK=off go build -o "$bin.tmp" github.com/axllent/mailpit) >>"$LOGS/mailpit.log" 2>&1 ||
		die "building mailpit failed; see $LOGS/mailpit.log"
	mv "$bin.tmp" "$bin"
}

mailpit_ready() { curl -fsS --max-time 2 "http://127.0.0.1:$MAILPIT_UI_PORT/readyz" >/dev/null; }

up_mailpit() {
	ensure_mailpit_bin
	if alive mailpit && mailpit_ready; then return 0; fi
	mkdir -p "$MAILPIT_DATA"
	say "starting mailpit: SMTP 127.0.0.1:$MAILPIT_SMTP_PORT, web UI http://127.0.0.1:$MAILPIT_UI_PORT"
	# Any login is accepted over plain SMTP, as a relay's credentials would
	# be; 50,000 mails are kept (a fan-out benchmark sends thousands).
	start mailpit "$(mailpit_bin)" --smtp "127.0.0.1:$MAILPIT_SMTP_PORT" --listen "127.0.0.1:$MAILPIT_UI_PORT" \
		--database "$MAILPIT_DATA/mailpit.db" --max 50000 --smtp-auth-accept-any --smtp-auth-allow-insecure \
		--smtp-disable-rdns --disable-version-check
	wait_for mailpit 60 mailpit_ready
	say "mailpit ready"
}
