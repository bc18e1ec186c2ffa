package service

import (
	"log/slog"
	"net"
	"time"

	"github.com/uptrace/bun"

	"lms/iam/internal/adapters/accesstoken"
	"lms/iam/internal/adapters/password"
	"lms/iam/internal/adapters/postgres"
	"lms/iam/internal/app"
	"lms/iam/internal/app/caller"
	"lms/iam/internal/app/command"
	"lms/iam/internal/app/query"
	"lms/iam/internal/domain/throttle"
	"lms/shared/outbox"
)

// Clock tells the time; tests pass one they move by hand.
type Clock interface{ Now() time.Time }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// Option changes how New builds the service, for tests.
type Option func(*options)

type options struct {
	clock        Clock
	publisher    outbox.Publisher
	grpcListener net.Listener
}

// WithClock makes the service read the time from c.
func WithClock(c Clock) Option { return func(o *options) { o.clock = c } }

// WithPublisher makes the outbox relay publish through p instead of a Kafka
// producer built from the config.
func WithPublisher(p outbox.Publisher) Option { return func(o *options) { o.publisher = p } }

// WithGRPCListener serves gRPC on ln instead of listening on GRPC_ADDR.
func WithGRPCListener(ln net.Listener) Option { return func(o *options) { o.grpcListener = ln } }

// newApplication builds the use cases over the PostgreSQL adapters.
func newApplication(db *bun.DB, cfg Identity, clock Clock, log *slog.Logger) (app.Application, *postgres.Throttles, error) {
	kek, err := cfg.kek()
	if err != nil {
		return app.Application{}, nil, err
	}
	keys, err := postgres.NewSigningKeys(db, kek)
	if err != nil {
		return app.Application{}, nil, err
	}
	users := postgres.NewUsers(db)
	sessions := postgres.NewSessions(db)
	throttles := postgres.NewThrottles(db)
	hasher := password.NewHasher(password.OWASP)
	tokens := accesstoken.New(keys, cfg.AccessTokenTTL)
	policy := command.LoginPolicy{
		RefreshTTL:    cfg.RefreshTokenTTL,
		SessionMaxAge: cfg.SessionMaxAge,
		PerAccount:    throttle.Policy{MaxFailures: cfg.LoginMaxFailuresPerAccount, Window: cfg.LoginWindow, Lockout: cfg.LoginLockout},
		PerAddress:    throttle.Policy{MaxFailures: cfg.LoginMaxFailuresPerAddress, Window: cfg.LoginWindow, Lockout: cfg.LoginLockout},
	}
	rp, external, err := cfg.External.relyingParty()
	if err != nil {
		return app.Application{}, nil, err
	}
	identities := postgres.NewIdentities(db)
	flows := postgres.NewSignInFlows(db)
	return app.Application{
		Auth: caller.NewAuthenticator(tokens, clock),
		Commands: app.Commands{
			Register:         command.NewRegister(users, hasher, clock),
			Login:            command.NewLogin(users, sessions, throttles, hasher, tokens, clock, policy, log),
			Refresh:          command.NewRefresh(users, sessions, tokens, clock, cfg.RefreshTokenTTL, log),
			Logout:           command.NewLogout(sessions, clock),
			ChangePassword:   command.NewChangePassword(users, sessions, throttles, hasher, tokens, clock, policy, log),
			CreateUser:       command.NewCreateUser(users, hasher, clock),
			SetRoles:         command.NewSetRoles(users, clock),
			DisableUser:      command.NewDisableUser(users, sessions, clock),
			EnableUser:       command.NewEnableUser(users, clock),
			EnsureFirstAdmin: command.NewEnsureFirstAdmin(users, hasher, clock, log),
			SigningKeys:      command.NewSigningKeys(keys, clock),

			StartExternalSignIn:  command.NewStartExternalSignIn(rp, flows, clock, external),
			FinishExternalSignIn: command.NewFinishExternalSignIn(rp, flows, flows.Grants(), identities, users, clock, external, log),
			ExchangeSignInCode:   command.NewExchangeSignInCode(flows.Grants(), users, sessions, tokens, clock, policy),
			UnlinkIdentity:       command.NewUnlinkIdentity(identities, users),
		},
		Queries: app.Queries{
			GetUser:     query.NewGetUser(users),
			ListUsers:   query.NewListUsers(users),
			SigningKeys: query.NewSigningKeys(keys, clock, cfg.AccessTokenTTL),

			IdentityProviders: query.NewIdentityProviders(rp),
			ListIdentities:    query.NewListIdentities(identities, users),
		},
	}, throttles, nil
}
