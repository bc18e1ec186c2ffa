# Apache Kafka in KRaft mode, one node: the broker's jars come from Maven Central
# through Maven (infra/stack/kafka/pom.xml) and run on the machine's JDK.
# Sourced by stack.sh.

KAFKA_JARS="$STACK/kafka/$KAFKA_VERSION/jars"
KAFKA_DATA="$DATA/kafka"

ensure_kafka_jars() {
	[ -f "$KAFKA_JARS/.complete" ] && return 0
	command -v java >/dev/null || die "Kafka needs a JDK (17 or newer): apt-get install openjdk-17-jdk-headless"
	command -v mvn >/dev/null || die "fetching Kafka needs Maven: apt-get install maven"
	say "fetching Kafka $KAFKA_VERSION jars with Maven"
	rm -rf "$KAFKA_JARS"
	mvn -q -B -f "$HERE/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
		dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_JARS" >>"$LOGS/kafka.log" 2>&1 ||
		die "fetching Kafka jars failed; see $LOGS/kafka.log"
	touch "$KAFKA_JARS/.complete"
}

write_kafka_config() {
	mkdir -p "$KAFKA_DATA"
	cat >"$KAFKA_DATA/server.properties" <<-PROPS
		process.roles=broker,controller
		node.id=1
		controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
		listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
		advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
		controller.listener.names=CONTROLLER
		listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
		inter.broker.listener.name=PLAINTEXT
		log.dirs=$KAFKA_DATA/log
		num.partitions=6
		offsets.topic.replication.factor=1
		offsets.topic.num.partitions=6
		transaction.state.log.replication.factor=1
		transaction.state.log.min.isr=1
		share.coordinator.state.topic.replication.factor=1
		share.coordinator.state.topic.min.isr=1
		group.initial.rebalance.delay.ms=0
		auto.create.topics.enable=false
		delete.topic.enable=true
	PROPS
}

kafka_java() {
	java -Xms256m -Xmx1g -XX:+UseG1GC -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" \
		-cp "$KAFKA_JARS/*" "$@"
}

up_kafka() {
	if alive kafka && stackctl check kafka >/dev/null 2>&1; then return 0; fi
	ensure_kafka_jars
	write_kafka_config
	if [ ! -f "$KAFKA_DATA/log/meta.properties" ]; then
		say "formatting the KRaft log directory"
		# A fixed cluster id (base64 of "lms-local-stack"): the stack has one cluster,
		# and a fixed id needs no state of its own.
		kafka_java kafka.tools.StorageTool format -t bG1zLWxvY2FsLXN0YWNrAA \
			-c "$KAFKA_DATA/server.properties" >>"$LOGS/kafka.log" 2>&1 ||
			die "formatting Kafka's log directory failed; see $LOGS/kafka.log"
	fi
	say "starting kafka on 127.0.0.1:$KAFKA_PORT"
	start kafka bash -c "$(declare -f kafka_java); HERE='$HERE' KAFKA_JARS='$KAFKA_JARS' kafka_java kafka.Kafka '$KAFKA_DATA/server.properties'"
	wait_for kafka 90 stackctl check kafka
	stackctl topics >>"$LOGS/kafka.log" 2>&1 || die "creating topics failed; see $LOGS/kafka.log"
	say "kafka ready (topics created)"
}
