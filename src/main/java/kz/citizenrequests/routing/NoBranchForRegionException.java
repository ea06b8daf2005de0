package kz.citizenrequests.routing;

import kz.citizenrequests.shared.Problem;
import kz.citizenrequests.shared.ProblemException;

import java.util.List;

/** 422: no branch answers for the region, so the request is refused rather than dropped. */
public class NoBranchForRegionException extends ProblemException {

    public NoBranchForRegionException(String region) {
        super(422, "no-branch-for-region", "No branch for the region",
                "No active branch accepts requests from region " + region + ".",
                List.of(new Problem.FieldError("region", "no branch serves this region")));
    }
}
