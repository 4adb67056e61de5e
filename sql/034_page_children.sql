-- 034_page_children.sql — the children a "sponsor N children" page (fund_pages.kind 'children')
-- has paid for: once its raised money (gifts and matches) covers another child's 3,000 yuan, its
-- initiator picks a waiting child, who is paired in the initiator's name by a sponsorship paid
-- from the page's funds (awaiting staff approval like any). seq counts the page's children, so
-- a page never pays for more than it raised (the key page, seq); the child's row lock and the
-- sponsorships' live-child key keep a child from being paired twice.
CREATE TABLE page_children (
  page_id        INT UNSIGNED NOT NULL,
  seq            TINYINT UNSIGNED NOT NULL,                -- 1 .. the page's children_n
  child_id       INT UNSIGNED NOT NULL,
  sponsorship_id INT UNSIGNED NOT NULL,
  picked_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (page_id, seq),
  KEY k_page_child (child_id),
  UNIQUE KEY uk_page_sponsorship (sponsorship_id),
  CONSTRAINT fk_pc_page FOREIGN KEY (page_id) REFERENCES fund_pages (id),
  CONSTRAINT fk_pc_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT fk_pc_sponsorship FOREIGN KEY (sponsorship_id) REFERENCES sponsorships (id),
  CONSTRAINT chk_pc_seq CHECK (seq BETWEEN 1 AND 50)
) ENGINE=InnoDB;
