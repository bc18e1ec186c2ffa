package service

import (
	"context"
	"log/slog"

	"lms/iam/internal/adapters/postgres"
	sharedpg "lms/shared/postgres"
)

// RotateSigningKey makes a new key sign access tokens from now on. The
// previous key's public half stays published (GetSigningKeys) until every
// token it signed has expired, so nobody is signed out by a rotation.
func RotateSigningKey(ctx context.Context, cfg Config, log *slog.Logger) (string, error) {
	db, err := sharedpg.Open(ctx, cfg.Postgres)
	if err != nil {
		return "", err
	}
	defer func() { _ = db.Close() }()
	if err := postgres.Migrate(ctx, db); err != nil {
		return "", err
	}
	a, _, err := newApplication(db, cfg.Identity, systemClock{}, log)
	if err != nil {
		return "", err
	}
	k, err := a.Commands.SigningKeys.Rotate(ctx)
	if err != nil {
		return "", err
	}
	log.InfoContext(ctx, "rotated the signing key", "kid", k.ID)
	return k.ID, nil
}
