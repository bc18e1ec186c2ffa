package kafka

// Config locates the Kafka brokers.
type Config struct {
	Brokers string `env:"KAFKA_BROKERS,required"`
}
