# Keycloak, the identity provider the sign-in tests go through: the
# keycloak-quarkus-dist zip from Maven Central, unpacked under .stack/keycloak
# and run on the machine's JDK in dev mode (H2 database, plain HTTP on
# loopback). The realm (clients, people, groups that map to LMS roles) is
# imported from infra/stack/keycloak/lms-realm.json on every start, so the
# realm's state is always the file's. Sourced by stack.sh.
#
# Keycloak is heavy (about 0.6 GB, a minute to start, three the first time):
# `stack.sh up` leaves it out; `stack.sh up keycloak` starts it, and the tests
# that sign in through it run that themselves.

KEYCLOAK_HOME="$STACK/keycloak/$KEYCLOAK_VERSION"

ensure_keycloak_dist() {
	[ -f "$KEYCLOAK_HOME/.complete" ] && return 0
	command -v java >/dev/null || die "Keycloak needs a JDK (17 or newer): apt-get install openjdk-17-jdk-headless"
	command -v mvn >/dev/null || die "fetching Keycloak needs Maven: apt-get install maven"
	command -v unzip >/dev/null || die "unpacking Keycloak needs unzip: apt-get install unzip"
	say "fetching Keycloak $KEYCLOAK_VERSION with Maven"
	local tmp="$STACK/keycloak/download"
	rm -rf "$KEYCLOAK_HOME" "$tmp"
	mkdir -p "$tmp"
	mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
		-DoutputDirectory="$tmp" >>"$LOGS/keycloak.log" 2>&1 ||
		die "fetching Keycloak failed; see $LOGS/keycloak.log"
	unzip -q "$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$tmp" >>"$LOGS/keycloak.log" 2>&1 ||
		die "unpacking Keycloak failed; see $LOGS/keycloak.log"
	mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
	rm -rf "$tmp"
	touch "$KEYCLOAK_HOME/.complete"
}

keycloak_ready() {
	curl -fsS --max-time 2 "http://127.0.0.1:$KEYCLOAK_PORT/realms/lms/.well-known/openid-configuration" >/dev/null
}

up_keycloak() {
	if alive keycloak && keycloak_ready; then return 0; fi
	ensure_keycloak_dist
	# A fresh database each start: the realm is the file's, people the tests
	# added are gone. Realm users keep the ids the file gives them, so the
	# LMS accounts linked to them (issuer + subject) stay linked.
	rm -rf "$KEYCLOAK_HOME/data"
	mkdir -p "$KEYCLOAK_HOME/data/import"
	sed "s/@GATEWAY_PORT@/$GATEWAY_PORT/g" "$HERE/keycloak/lms-realm.json" >"$KEYCLOAK_HOME/data/import/lms-realm.json"
	say "starting keycloak on 127.0.0.1:$KEYCLOAK_PORT (a minute or more)"
	start keycloak env KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
		JAVA_OPTS_KC_HEAP="-Xms64m -Xmx768m" \
		"$KEYCLOAK_HOME/bin/kc.sh" start-dev --import-realm \
		--http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
		--http-management-port="$KEYCLOAK_MANAGEMENT_PORT" --hostname-strict=false
	wait_for keycloak 420 keycloak_ready
	# The first login page after a start renders its theme for a long while on
	# a busy machine; render it once here so "ready" means a person can sign in.
	curl -fsS -o /dev/null --max-time 240 "http://127.0.0.1:$KEYCLOAK_PORT/realms/lms/protocol/openid-connect/auth?client_id=lms&response_type=code&scope=openid&redirect_uri=http%3A%2F%2F127.0.0.1%3A$GATEWAY_PORT%2Fapi%2Fv1%2Fauth%2Foidc%2Fkeycloak%2Fcallback" ||
		say "keycloak: the first login page did not render within 240s; see $LOGS/keycloak.log"
	say "keycloak ready (realm lms, admin console http://127.0.0.1:$KEYCLOAK_PORT/admin, admin/admin)"
}
