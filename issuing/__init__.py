"""What BKD issues: numbering, signing, decrees and their effect on the record, drafts, batches, public verify."""
