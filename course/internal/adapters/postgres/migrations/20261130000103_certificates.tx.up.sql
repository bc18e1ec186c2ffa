-- Certificates are verified by id, by anyone.
CREATE UNIQUE INDEX enrollments_certificate ON enrollments (certificate_id) WHERE certificate_id <> '';
