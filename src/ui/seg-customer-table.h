/* seg-customer-table.h — the sortable, searchable customer table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "seg-table.h"

G_BEGIN_DECLS

#define SEG_TYPE_CUSTOMER_TABLE (seg_customer_table_get_type ())

G_DECLARE_FINAL_TYPE (SegCustomerTable, seg_customer_table, SEG, CUSTOMER_TABLE, GtkWidget)

GtkWidget   *seg_customer_table_new        (void);
void         seg_customer_table_set_table  (SegCustomerTable *self,
                                            SegTable         *table);   /* NULL clears */
/* The table the view shows; after set_table () the new one once the rows
 * of the old one have been taken away (a few main-loop turns). */
SegTable    *seg_customer_table_get_table  (SegCustomerTable *self);
/* TRUE while a new table waits for the old rows to go. */
gboolean     seg_customer_table_is_changing (SegCustomerTable *self);
void         seg_customer_table_set_notes  (SegCustomerTable *self,
                                            const char       *notes);
const char  *seg_customer_table_get_notes  (SegCustomerTable *self);
/* The model the view shows (filtered and sorted), items are SegRowItem. */
GListModel  *seg_customer_table_get_model  (SegCustomerTable *self);
GtkColumnView *seg_customer_table_get_column_view (SegCustomerTable *self);
void         seg_customer_table_set_search (SegCustomerTable *self,
                                            const char       *text);

G_END_DECLS
