package iam

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"google.golang.org/grpc"

	"lms/shared/auth"
	iamv1 "lms/shared/gen/iam/v1"
	"lms/shared/grpcstatus"
)

var _ auth.KeySource = (*Keys)(nil)

// Keys fetches iam's public signing keys over gRPC, for the gateway's
// verifier and its JWKS.
type Keys struct {
	rpc iamv1.IAMServiceClient
}

// NewKeys returns a key source over conn.
func NewKeys(conn grpc.ClientConnInterface) *Keys {
	return &Keys{rpc: iamv1.NewIAMServiceClient(conn)}
}

// FetchKeys implements auth.KeySource; keys of other algorithms are skipped.
func (k *Keys) FetchKeys(ctx context.Context) ([]auth.PublicKey, error) {
	res, err := k.rpc.GetSigningKeys(ctx, &iamv1.GetSigningKeysRequest{})
	if err != nil {
		return nil, fmt.Errorf("iam signing keys: %w", grpcstatus.ToError(err))
	}
	out := make([]auth.PublicKey, 0, len(res.GetKeys()))
	for _, key := range res.GetKeys() {
		if key.GetAlg() != auth.Algorithm || len(key.GetPublicKey()) != ed25519.PublicKeySize {
			continue
		}
		out = append(out, auth.PublicKey{ID: key.GetKid(), Key: ed25519.PublicKey(key.GetPublicKey()), NotAfter: toTime(key.GetNotAfter())})
	}
	return out, nil
}
