"""Person–job matching: a pure core (no Django), driven by jianfu.employment's services and the
employment_match command."""
