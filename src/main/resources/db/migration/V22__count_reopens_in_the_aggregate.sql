-- The reopen count is kept by the aggregate (Request.reopen), like every other change of a
-- request: the trigger of V10 goes. The column and its meaning stay.
DROP TRIGGER requests_count_reopen ON requests;
DROP FUNCTION requests_count_reopen();
