package http

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/query"
)

// CertificatesPrefix is where anyone verifies a certificate, without a
// token.
const CertificatesPrefix = "/api/v1/certificates"

// Option changes how the API is built.
type Option func(*server)

// WithPublicOrigin sets the public API's address (the gateway's) that a
// certificate names for its verification; without it the address is a path.
func WithPublicOrigin(u string) Option {
	return func(s *server) { s.publicOrigin = strings.TrimRight(u, "/") }
}

type certificateJSON struct {
	CertificateID string    `json:"certificate_id"`
	Status        string    `json:"status"`
	CourseCode    string    `json:"course_code"`
	CourseTitle   string    `json:"course_title"`
	HolderName    string    `json:"holder_name"`
	IssuedAt      time.Time `json:"issued_at"`
	VerifyURL     string    `json:"verify_url"`
}

func (s *server) certificateJSON(c query.Certificate) certificateJSON {
	return certificateJSON{CertificateID: c.ID, Status: "valid", CourseCode: c.CourseCode, CourseTitle: c.CourseTitle,
		HolderName: c.HolderName, IssuedAt: c.IssuedAt, VerifyURL: s.publicOrigin + CertificatesPrefix + "/" + c.ID}
}

// verifyCertificate answers GET /api/v1/certificates/{id} for anyone: the
// certificate's course, holder's name and date, or 404
// certificate-not-found. It names no user id or email.
func (s *server) verifyCertificate(c *gin.Context) {
	cert, err := s.app.Queries.VerifyCertificate.Handle(c.Request.Context(), query.VerifyCertificateInput{ID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, s.certificateJSON(cert))
}

var certificatePage = template.Must(template.New("certificate").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Certificate {{.CertificateID}}</title>
<style>
body { font-family: Georgia, serif; margin: 3em auto; max-width: 44em; text-align: center; }
main { border: 6px double #335; padding: 3em 2em; }
h1 { font-size: 2.2em; margin: 0 0 1em; }
.name { font-size: 1.8em; margin: .4em 0; }
.course { font-size: 1.4em; margin: .4em 0 1.2em; }
footer { font-family: sans-serif; font-size: .85em; color: #444; margin-top: 2em; }
</style>
</head>
<body>
<main>
<h1>Certificate of completion</h1>
<p>This certifies that</p>
<p class="name" id="holder">{{.HolderName}}</p>
<p>has completed the course</p>
<p class="course" id="course"><span id="course-code">{{.CourseCode}}</span> — <span id="course-title">{{.CourseTitle}}</span></p>
<p>on <time id="issued" datetime="{{.IssuedAt.Format "2006-01-02T15:04:05Z07:00"}}">{{.IssuedAt.Format "2 January 2006"}}</time></p>
<footer>
<p>Certificate id <code id="certificate-id">{{.CertificateID}}</code></p>
<p>Verify it at <a id="verify" href="{{.VerifyURL}}">{{.VerifyURL}}</a></p>
</footer>
</main>
</body>
</html>
`))

// myCertificate answers GET /api/v1/courses/{id}/certificate for the
// student who holds it: a printable HTML page with the certificate's id,
// her name, the course, the date and where anyone can verify it.
func (s *server) myCertificate(c *gin.Context) {
	cert, err := s.app.Queries.GetMyCertificate.Handle(c.Request.Context(), query.GetMyCertificateInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	var page bytes.Buffer
	if err := certificatePage.Execute(&page, s.certificateJSON(cert)); err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.Header("Content-Disposition", `inline; filename="certificate-`+cert.ID+`.html"`)
	c.Data(http.StatusOK, "text/html; charset=utf-8", page.Bytes())
}
