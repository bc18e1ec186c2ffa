package usecase_test

import (
	"go.opentelemetry.io/otel/attribute"
)

func attr(k, v string) attribute.KeyValue { return attribute.String(k, v) }
