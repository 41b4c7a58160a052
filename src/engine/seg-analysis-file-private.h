/* seg-analysis-file-private.h — JSON helpers shared by seg-analysis-file.c,
 * seg-apply.c and seg-migration.c
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
/* The order RFM scores customers in: by value (descending for recency),
 * then (NTILE) by customer id. */
int         seg_rfm_order_compare (double      va,
                                   const char *ida,
                                   double      vb,
                                   const char *idb,
                                   gboolean    descending,
                                   gboolean    use_ids);

G_END_DECLS
