-- The W3C traceparent of the request that recorded the start, so the
-- workflow the relay starts continues the request's trace ('' when the
-- request was not traced, and for starts recorded before this column).
ALTER TABLE enrollment_starts ADD COLUMN traceparent text NOT NULL DEFAULT '';
