-- For a statement run under an API token verified from the process's cache (lib/tokens/verify-api-token.ts):
-- it fails, and so writes nothing, when the token stamp no longer reads the version the token was
-- verified at (a token was revoked, a creator disabled or demoted since). The caller then verifies
-- the token again and runs once more. NULL: no cached token, nothing to check.
CREATE OR REPLACE FUNCTION assert_token_stamp(expected bigint) RETURNS boolean AS $$
BEGIN
  IF expected IS NOT NULL AND expected IS DISTINCT FROM (SELECT tokens_version FROM token_stamp WHERE id = 1) THEN
    RAISE EXCEPTION 'the API token changed after it was verified' USING ERRCODE = 'IMT01';
  END IF;
  RETURN true;
END;
$$ LANGUAGE plpgsql STABLE;
