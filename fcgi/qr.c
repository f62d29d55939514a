/* SPDX-License-Identifier: ISC */
/*
 * qr.c: QR codes as SVG, made on the server with libqrencode (the only
 * file that includes <qrencode.h>), so pages need no script of their own
 * to draw them: the otpauth URI of two-factor set-up today, the join link
 * on the projector later.
 */
#include <stdlib.h>

#include <qrencode.h>

#include "extern.h"
#include "banned.h"

/*
 * Returns an SVG drawing of text as a QR code (error correction M, a
 * four-module quiet zone), or NULL if it cannot be encoded.  Caller frees.
 */
char *
qr_svg(const char *text)
{
	QRcode		*q;
	struct buf	 b;
	int		 x, y, w, run;

	if ((q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) ==
	    NULL)
		return NULL;
	w = q->width;
	buf_init(&b, 1024 * 1024);
	buf_appendf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\" "
	    "role=\"img\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", w + 8, w + 8, w + 8, w + 8);
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x += run) {
			for (run = 0; x + run < w &&
			    (q->data[y * w + x + run] & 1); run++)
				continue;
			if (run > 0)
				buf_appendf(&b, "M%d %dh%dv1h-%dz", x + 4, y + 4,
				    run, run);
			else
				run = 1;
		}
	buf_appendf(&b, "\"/></svg>");
	QRcode_free(q);
	return b.data;
}
