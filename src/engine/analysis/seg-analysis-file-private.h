/* seg-analysis-file-private.h — the document as held in memory, shared by
 * seg-analysis-file*.c, seg-json.c, seg-analysis-apply.c and seg-migration.c
 * (the JSON helpers are in seg-json-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "seg-analysis.h"
#include "seg-analysis-file.h"
#include "seg-json-private.h"
#include "seg-rfm.h"

G_BEGIN_DECLS

/* The document as held in memory (seg-analysis-file*.c). */
struct _SegAnalysisFile
{
  gatomicrefcount ref_count;
  char           *path;      /* where it was read from or last saved; nullable */
  int             version;   /* as read (before migration) */
  JsonObject     *root;      /* the document, inputs and view excepted */
  GPtrArray      *inputs;    /* SegSavedInput* */
  SegAnalysisView view;
};

/* The order RFM scores customers in: by value (descending for recency),
 * then (NTILE) by customer id. */
int         seg_analysis_file_compare_rfm_order (double      va,
                                                 const char *ida,
                                                 double      vb,
                                                 const char *idb,
                                                 gboolean    descending,
                                                 gboolean    use_ids);

/* seg-analysis-file-settings.c */
gboolean
seg_analysis_file_parse_day (const char *text,
                             double     *out);

const char *
seg_analysis_file_rfm_method_name (SegRfmMethod m);

SegRfmMethod
seg_analysis_file_rfm_method_parse (const char *s);

SegMethods
seg_analysis_file_get_methods (JsonObject *o,
                               const char *member);

void
seg_analysis_file_add_rfm_map (JsonBuilder     *b,
                               const char      *name,
                               const SegRfmMap *map);

void
seg_analysis_file_add_dataset_settings (JsonBuilder             *b,
                                        const SegDataset        *ds);

void
seg_analysis_file_add_analysis_settings (JsonBuilder *b,
                                         SegResult   *result);

/* seg-analysis-file-models.c */
void
seg_analysis_file_add_models (JsonBuilder *b,
                              SegResult   *result);

void
seg_analysis_file_add_segments (JsonBuilder           *b,
                                SegResult             *result,
                                const SegAnalysisView *view);

G_END_DECLS
