/* seg-json-private.h — the JSON helpers (seg-json.c) of the .segmenta
 * document and the saved models, shared by the analysis tier's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "seg-rfm.h"

G_BEGIN_DECLS

void        seg_json_add_number  (JsonBuilder  *b,
                                  const char   *name,     /* nullable in arrays */
                                  double        v);       /* NAN → null */
void        seg_json_add_numbers (JsonBuilder  *b,
                                  const char   *name,
                                  const double *v,
                                  gsize         n);
gboolean    seg_json_get_number  (JsonObject   *o,
                                  const char   *member,
                                  double       *out);     /* null → NAN */
/* @n numbers (0 = any, the length in *@n_out); NULL when absent or wrong. */
double     *seg_json_get_numbers (JsonObject   *o,
                                  const char   *member,
                                  gsize         n,
                                  gsize        *n_out);
double     *seg_json_get_matrix  (JsonObject   *o,
                                  const char   *member,
                                  guint         rows,
                                  guint         cols);
char      **seg_json_get_strv    (JsonObject   *o,
                                  const char   *member,
                                  gsize        *n_out);
const char *seg_json_get_string  (JsonObject   *o,
                                  const char   *member);
JsonObject *seg_json_get_object  (JsonObject   *o,
                                  const char   *member);
SegRfmMap  *seg_json_get_rfm_map (JsonObject   *o,
                                  const char   *member,
                                  guint         bins);

void
seg_json_add_string (JsonBuilder *b,
                     const char  *name,
                     const char  *v);
void
seg_json_add_strv (JsonBuilder        *b,
                   const char         *name,
                   const char * const *v,
                   gssize              n);
void
seg_json_add_int (JsonBuilder *b,
                  const char  *name,
                  gint64       v);
gboolean
seg_json_bad_member (const char *path,
                     const char *member,
                     GError    **error);
gint64
seg_json_get_int (JsonObject *o,
                  const char *member,
                  gint64      fallback);

G_END_DECLS
