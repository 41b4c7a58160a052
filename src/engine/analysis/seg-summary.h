/* seg-summary.h — summary.json, as DESIGN.md "The CLI contract" defines it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "seg-dataset.h"

G_BEGIN_DECLS

/**
 * seg_summary_add_dataset:
 * @builder: a builder inside an object
 * @dataset: the dataset
 *
 * Adds "as_of", "customers", "inputs" and "notices" members to the object
 * @builder is in.
 */
void    seg_summary_add_dataset (JsonBuilder      *builder,
                                 const SegDataset *dataset);

/**
 * seg_summary_to_string:
 * @root: a JSON document
 *
 * Returns: (transfer full): the pretty-printed text of @root with a
 *   trailing newline
 */
char   *seg_summary_to_string   (JsonNode *root);

G_END_DECLS
